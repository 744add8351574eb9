// What each role may do in the UI. The server enforces the same rules (403); these only hide
// controls a user could not use (docs/api.md, "Routes and roles").
import type { Role } from '../api/types';

// Reads the cockpit, timelines, plans, models, definitions and the advocacy program: every role
// but sales and product (product reads accounts and owns requests, docs/feedback.md).
const readsCs = (r: Role) => r !== 'sales' && r !== 'product';

export const can = {
  seeCockpit: readsCs,
  seeCtas: readsCs,
  workCtas: (r: Role) => r === 'admin' || r === 'csm',
  logActivity: (r: Role) => r === 'admin' || r === 'csm',
  createPlan: (r: Role) => r === 'admin' || r === 'csm',
  seeTimeline: readsCs,
  seePlans: readsCs,
  admin: (r: Role) => r === 'admin' || r === 'ops',
  editDefinitions: (r: Role) => r === 'admin' || r === 'ops',
  readDefinitions: readsCs,
  manageUsers: (r: Role) => r === 'admin',
  seeModels: readsCs,
  seeRevenue: readsCs,
  // Surveys (docs/surveys.md): results read like the cockpit; sent by admin and ops.
  seeSurveys: readsCs,
  sendSurveys: (r: Role) => r === 'admin' || r === 'ops',
  editRenewals: (r: Role) => r === 'admin' || r === 'ops' || r === 'csm',
  trainModels: (r: Role) => r === 'admin' || r === 'ops',
  leadsTeam: (r: Role) => r === 'admin' || r === 'ops' || r === 'viewer',
  // The advocacy program (docs/advocacy.md): reads for every role but sales; candidates,
  // advocates and asks (a request's ask and its answer too) changed by admin, ops and CSMs (a
  // CSM on their own accounts); reference requests read, created, completed and cancelled by
  // them and by sales (not by viewers); settings by admin and ops.
  seeAdvocacy: readsCs,
  workAdvocates: (r: Role) => r === 'admin' || r === 'ops' || r === 'csm',
  seeReferenceRequests: (r: Role) => r !== 'viewer' && r !== 'product',
  workReferenceRequests: (r: Role) => r !== 'viewer' && r !== 'product',
  editAdvocacySettings: (r: Role) => r === 'admin' || r === 'ops',
  // The voice of the customer (docs/feedback.md): requests read by everyone; owned (status,
  // merge) by product, admin and ops; feedback logged by them and by CSMs (their accounts).
  seeRequests: (_r: Role) => true,
  ownRequests: (r: Role) => r === 'admin' || r === 'ops' || r === 'product',
  logFeedback: (r: Role) => r === 'admin' || r === 'ops' || r === 'csm' || r === 'product',
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  ops: 'Operations',
  csm: 'Customer success manager',
  sales: 'Sales',
  viewer: 'Viewer (read only)',
  product: 'Product (owns requests)',
};
