// What each role may do in the UI. The server enforces the same rules (403); these only hide
// controls a user could not use (docs/api.md, "Routes and roles").
import type { Role } from '../api/types';

export const can = {
  seeCockpit: (r: Role) => r !== 'sales',
  seeCtas: (r: Role) => r !== 'sales',
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
  seeRevenue: (r: Role) => r !== 'sales',
  editRenewals: (r: Role) => r === 'admin' || r === 'ops' || r === 'csm',
  trainModels: (r: Role) => r === 'admin' || r === 'ops',
  leadsTeam: (r: Role) => r === 'admin' || r === 'ops' || r === 'viewer',
  // The advocacy program (docs/advocacy.md): reads for every role but sales; candidates,
  // advocates and asks (a request's ask and its answer too) changed by admin, ops and CSMs (a
  // CSM on their own accounts); reference requests read, created, completed and cancelled by
  // them and by sales (not by viewers); settings by admin and ops.
  seeAdvocacy: (r: Role) => r !== 'sales',
  workAdvocates: (r: Role) => r === 'admin' || r === 'ops' || r === 'csm',
  seeReferenceRequests: (r: Role) => r !== 'viewer',
  workReferenceRequests: (r: Role) => r !== 'viewer',
  editAdvocacySettings: (r: Role) => r === 'admin' || r === 'ops',
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  ops: 'Operations',
  csm: 'Customer success manager',
  sales: 'Sales',
  viewer: 'Viewer (read only)',
};
