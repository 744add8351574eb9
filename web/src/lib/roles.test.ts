// What each role may do in the UI (roles.ts), against the roles of docs/api.md: admin does
// everything; ops edits definitions and runs the data side; csm works CTAs, activities and
// plans; sales reads accounts and asks for references; viewer reads everything and changes nothing;
// product reads accounts and requests, owns requests and logs feedback (docs/feedback.md).
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../api/types';
import { ROLE_LABELS, can } from './roles';

type Capability = keyof typeof can;

const EXPECTED: Record<Capability, Role[]> = {
  seeCockpit: ['admin', 'ops', 'csm', 'viewer'],
  seeCtas: ['admin', 'ops', 'csm', 'viewer'],
  workCtas: ['admin', 'csm'],
  logActivity: ['admin', 'csm'],
  createPlan: ['admin', 'csm'],
  seeTimeline: ['admin', 'ops', 'csm', 'viewer'],
  seePlans: ['admin', 'ops', 'csm', 'viewer'],
  admin: ['admin', 'ops'],
  editDefinitions: ['admin', 'ops'],
  readDefinitions: ['admin', 'ops', 'csm', 'viewer'],
  manageUsers: ['admin'],
  seeModels: ['admin', 'ops', 'csm', 'viewer'],
  seeRevenue: ['admin', 'ops', 'csm', 'viewer'],
  seeSurveys: ['admin', 'ops', 'csm', 'viewer'],
  sendSurveys: ['admin', 'ops'],
  editRenewals: ['admin', 'ops', 'csm'],
  trainModels: ['admin', 'ops'],
  leadsTeam: ['admin', 'ops', 'viewer'],
  seeAdvocacy: ['admin', 'ops', 'csm', 'viewer'],
  workAdvocates: ['admin', 'ops', 'csm'],
  seeReferenceRequests: ['admin', 'ops', 'csm', 'sales'],
  workReferenceRequests: ['admin', 'ops', 'csm', 'sales'],
  editAdvocacySettings: ['admin', 'ops'],
  seeRequests: ['admin', 'ops', 'csm', 'sales', 'viewer', 'product'],
  ownRequests: ['admin', 'ops', 'product'],
  logFeedback: ['admin', 'ops', 'csm', 'product'],
};

describe('role capabilities', () => {
  it('covers every capability', () => {
    expect(Object.keys(can).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [capability, allowed] of Object.entries(EXPECTED) as [Capability, Role[]][]) {
    it(`${capability}: ${allowed.join(', ')}`, () => {
      const granted = ROLES.filter((r) => can[capability](r));
      expect(granted).toEqual(allowed);
    });
  }

  it('lets admin do everything', () => {
    for (const f of Object.values(can)) expect(f('admin')).toBe(true);
  });

  it('never lets sales or viewer change anything', () => {
    for (const r of ['sales', 'viewer'] as Role[]) {
      expect(can.workCtas(r)).toBe(false);
      expect(can.logActivity(r)).toBe(false);
      expect(can.createPlan(r)).toBe(false);
      expect(can.editDefinitions(r)).toBe(false);
      expect(can.manageUsers(r)).toBe(false);
      expect(can.admin(r)).toBe(false);
      expect(can.workAdvocates(r)).toBe(false);
      expect(can.editAdvocacySettings(r)).toBe(false);
    }
  });

  it('only lets sales see accounts and work reference requests', () => {
    const granted = (Object.keys(can) as Capability[]).filter((c) => can[c]('sales'));
    expect(granted).toEqual(['seeReferenceRequests', 'workReferenceRequests', 'seeRequests']);
  });
});

it('lets product read requests, own them and log feedback, and nothing of the cockpit', () => {
  const granted = (Object.keys(can) as Capability[]).filter((c) => can[c]('product'));
  expect(granted).toEqual(['seeRequests', 'ownRequests', 'logFeedback']);
});

describe('role labels', () => {
  it('names every role', () => {
    expect(Object.keys(ROLE_LABELS).sort()).toEqual([...ROLES].sort());
    for (const r of ROLES) expect(ROLE_LABELS[r].length).toBeGreaterThan(0);
    expect(ROLE_LABELS.csm).toBe('Customer success manager');
    expect(ROLE_LABELS.viewer).toBe('Viewer (read only)');
  });
});
