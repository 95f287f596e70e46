export const ROLES = ['clerk', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  clerk: 'Sachbearbeitung',
  supervisor: 'Teamleitung',
  admin: 'Administration',
};
