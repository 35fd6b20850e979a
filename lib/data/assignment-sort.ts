/** The Access tab's sort keys, shared by the URL state (browser) and the data layer (server). */
export const assignmentSortKeys = ['name', 'status', 'role', 'licence', 'updated'] as const;
export type AssignmentSortKey = (typeof assignmentSortKeys)[number];
