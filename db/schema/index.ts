export * from './enums';
export * from './admins';
export * from './applications';
export * from './identities';
export * from './accounts';
export * from './imports';
export * from './audit';
export * from './tokens';
