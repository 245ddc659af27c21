import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error.ts';
import { allowedTransitions, assertTransition, TICKET_STATUSES } from './ticket-status.ts';

describe('ticket life cycle (DOMAIN.md)', () => {
  it('follows new → accepted → in progress ⇄ on hold → done → closed', () => {
    expect(allowedTransitions('NEW', 'DISPATCHER')).toEqual(['ACCEPTED', 'CANCELLED']);
    expect(allowedTransitions('NEW', 'EXECUTOR')).toEqual(['ACCEPTED']);
    expect(allowedTransitions('ACCEPTED', 'EXECUTOR')).toEqual(['IN_PROGRESS', 'DONE']);
    expect(allowedTransitions('IN_PROGRESS', 'EXECUTOR')).toEqual(['ON_HOLD', 'DONE']);
    expect(allowedTransitions('ON_HOLD', 'EXECUTOR')).toEqual(['IN_PROGRESS', 'DONE']);
    expect(allowedTransitions('DONE', 'RESIDENT')).toEqual(['CLOSED', 'REOPENED']);
    expect(allowedTransitions('DONE', 'SYSTEM')).toEqual(['CLOSED']);
    expect(allowedTransitions('REOPENED', 'DISPATCHER')).toEqual(['ACCEPTED', 'CANCELLED']);
  });

  it('lets a resident cancel only while new, and staff only with a reason', () => {
    expect(() => assertTransition('NEW', 'CANCELLED', 'RESIDENT')).not.toThrow();
    expect(() => assertTransition('ACCEPTED', 'CANCELLED', 'RESIDENT')).toThrow(
      /cannot go from ACCEPTED to CANCELLED/,
    );
    expect(() => assertTransition('ACCEPTED', 'CANCELLED', 'DISPATCHER', '  ')).toThrow(/reason is required/);
    expect(() => assertTransition('ACCEPTED', 'CANCELLED', 'DISPATCHER', 'duplicate')).not.toThrow();
  });

  it('refuses moves outside the graph with the allowed ones in the error', () => {
    try {
      assertTransition('NEW', 'DONE', 'EXECUTOR');
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'INVALID_STATE')).toBe(true);
      expect((error as { details: { allowed: string[] } }).details.allowed).toEqual(['ACCEPTED']);
    }
    expect(() => assertTransition('CLOSED', 'IN_PROGRESS', 'DISPATCHER')).toThrow();
    expect(() => assertTransition('CANCELLED', 'ACCEPTED', 'DISPATCHER')).toThrow();
    expect(() => assertTransition('CLOSED', 'REOPENED', 'RESIDENT')).toThrow(/reason is required/);
  });

  it('lets the assigned executor walk the ticket forward — accept, work, hold, finish — and nothing else', () => {
    const moves = TICKET_STATUSES.flatMap((from) =>
      allowedTransitions(from, 'EXECUTOR').map((to) => `${from}→${to}`),
    );
    expect(moves).toEqual([
      'NEW→ACCEPTED',
      'ACCEPTED→IN_PROGRESS',
      'ACCEPTED→DONE',
      'IN_PROGRESS→ON_HOLD',
      'IN_PROGRESS→DONE',
      'ON_HOLD→IN_PROGRESS',
      'ON_HOLD→DONE',
      'REOPENED→ACCEPTED',
    ]);
    // Cancelling, closing and reopening stay with the dispatcher and the resident.
    expect(() => assertTransition('ACCEPTED', 'CANCELLED', 'EXECUTOR', 'no parts')).toThrow(
      /cannot go from ACCEPTED to CANCELLED/,
    );
    expect(() => assertTransition('DONE', 'CLOSED', 'EXECUTOR')).toThrow(/cannot go from DONE to CLOSED/);
    expect(() => assertTransition('DONE', 'REOPENED', 'EXECUTOR', 'again')).toThrow();
    expect(() => assertTransition('NEW', 'IN_PROGRESS', 'EXECUTOR')).toThrow(
      /cannot go from NEW to IN_PROGRESS/,
    );
  });
});
