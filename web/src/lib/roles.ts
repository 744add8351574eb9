// What each role may do in the UI. The server enforces the same rules (403); these only hide
// controls a user could not use (docs/api.md, "Routes and roles").
import type { Role } from '../api/types';

export const can = {
  seeCockpit: (r: Role) => r !== 'sales',
  workCtas: (r: Role) => r === 'admin' || r === 'csm',
  logActivity: (r: Role) => r === 'admin' || r === 'csm',
  createPlan: (r: Role) => r === 'admin' || r === 'csm',
  seeTimeline: (r: Role) => r !== 'sales',
  seePlans: (r: Role) => r !== 'sales',
  admin: (r: Role) => r === 'admin' || r === 'ops',
  editDefinitions: (r: Role) => r === 'admin' || r === 'ops',
  readDefinitions: (r: Role) => r !== 'sales',
  manageUsers: (r: Role) => r === 'admin',
  seeModels: (r: Role) => r !== 'sales',
  trainModels: (r: Role) => r === 'admin' || r === 'ops',
  leadsTeam: (r: Role) => r === 'admin' || r === 'ops' || r === 'viewer',
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  ops: 'Operations',
  csm: 'Customer success manager',
  sales: 'Sales',
  viewer: 'Viewer (read only)',
};
