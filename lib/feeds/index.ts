export { feedFormats, FeedError, feedErrorCodes, MULTI_VALUE_SEPARATOR, defaultParseOptions } from './types';
export type { FeedFormat, FeedErrorCode, FeedIssue, FeedChunk, RawRow, ParseOptions } from './types';
export { detectFormat, type DetectInput } from './detect';
export { parseFeed, parseAll, previewFeed } from './parse-feed';
export type { FeedSource } from './decode';
export { accountAttributes, defaultMapping, validateMapping, unmappedFields, unmappedRequired, isSensitiveHeader, DEFAULT_SEPARATOR } from './mapping';
export type { AccountAttribute, FieldMapping, MappingValidation } from './mapping';
export { mapRow, rowMapper, splitValues, type MappedAccount, type MappedRow } from './map-row';
