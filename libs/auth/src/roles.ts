export const ROLES = ['ansm', 'supplier', 'exploitant', 'laboratory', 'pharmacist', 'prescriber'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller: `sub` is the user id (the RPPS number for professionals), `org` their organisation. */
export interface Principal {
  sub: string;
  role: Role;
  org: string;
}
