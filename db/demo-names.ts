/** The demo organisation's names and departments: realistic and varied (accents, apostrophes), fixed. */
export const demoFirstNames = [
  'Ada', 'Alan', 'Amara', 'Anders', 'Aisha', 'Beatriz', 'Bruno', 'Chen', 'Chiara', 'Dmitri', 'Elena', 'Emeka', 'Farah',
  'Felix', 'Grace', 'Hana', 'Hugo', 'Ines', 'Isaac', 'Jamal', 'José', 'Julia', 'Kenji', 'Lars', 'Leila', 'Lucas',
  'Maja', 'Marcus', 'Mei', 'Nadia', 'Niamh', 'Noah', 'Olga', 'Omar', 'Priya', 'Rafael', 'Rosa', 'Sami', 'Sofia',
  'Tariq', 'Tomás', 'Uma', 'Victor', 'Wei', 'Yara', 'Yusuf', 'Zoë', 'Zanele', 'Ingrid', 'Pedro', 'Aiko', 'Björn',
  'Camille', 'Dara', 'Esther', 'Gabriel', 'Helga', 'Ivan', 'Kofi', 'Liam',
];

export const demoLastNames = [
  'Abebe', 'Andersen', 'Baker', 'Brennan', 'Castillo', 'Chowdhury', 'Costa', 'Dubois', 'Eriksson', 'Fischer', 'García',
  'Gonzalez', 'Haddad', 'Hansen', 'Ito', 'Jensen', 'Kowalski', 'Kumar', 'Larsen', 'Lefebvre', 'Lindqvist', 'Martin',
  'Mensah', 'Moreau', 'Müller', 'Nakamura', 'Novak', "O'Brien", 'Okafor', 'Olsen', 'Park', 'Petrov', 'Popescu',
  'Quinn', 'Rossi', 'Santos', 'Schmidt', 'Silva', 'Singh', 'Sato', 'Tanaka', 'Van Dijk', 'Varga', 'Wagner', 'Walsh',
  'Wang', 'Weber', 'Williams', 'Yamamoto', 'Zhang', 'Nguyen', 'Kim', 'Ahmed', 'Bianchi', 'Horvat', 'Murphy',
  'Svensson', 'Tran', 'Ivanova', 'Papadopoulos',
];

export const demoDepartments: { name: string; group: string; titles: string[]; weight: number }[] = [
  { name: 'Engineering', group: 'engineering', titles: ['Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'Engineering Manager', 'QA Engineer'], weight: 30 },
  { name: 'Sales', group: 'sales', titles: ['Account Executive', 'Sales Development Representative', 'Sales Manager', 'Solutions Consultant'], weight: 20 },
  { name: 'Customer Support', group: 'support', titles: ['Support Specialist', 'Support Engineer', 'Support Team Lead'], weight: 14 },
  { name: 'Marketing', group: 'marketing', titles: ['Marketing Manager', 'Content Strategist', 'Product Marketing Manager', 'Designer'], weight: 10 },
  { name: 'Finance', group: 'finance', titles: ['Accountant', 'Financial Analyst', 'Controller'], weight: 8 },
  { name: 'People', group: 'people', titles: ['HR Business Partner', 'Recruiter', 'People Operations Specialist'], weight: 6 },
  { name: 'Operations', group: 'operations', titles: ['Operations Analyst', 'Office Manager', 'IT Administrator'], weight: 8 },
  { name: 'Legal', group: 'legal', titles: ['Legal Counsel', 'Paralegal'], weight: 4 },
];
