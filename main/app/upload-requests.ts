/**
 * Payload schemas for the confirm-and-upload channels of the window contract (issue 5).
 * Electron-free so the Electron IPC layer (main/app/request-schemas.ts) and the browser bridge
 * check requests with the same rules. Shape and size only: whether runs exist, can be confirmed
 * or need an outcome is UploadService's to judge, with a message the window can show.
 */
import { z } from 'zod';

const id = z.number().int().safe();
const text = (max: number) => z.string().max(max);
const none = z.undefined();

const runStatus = z.enum(['Success', 'Warning', 'Failed']);
const uploadState = z.enum(['queued', 'sending', 'retrying', 'sent', 'staged', 'conflict', 'rejected']);

export const confirmFilterSchema = z.strictObject({
  statuses: z.array(runStatus).max(3).optional(),
  localDay: z
    .string()
    .regex(/^(today|\d{4}-\d{2}-\d{2})$/, 'must be "today" or a date as YYYY-MM-DD')
    .optional(),
  dataSource: z
    .string()
    .regex(/^D\d{2}$/, 'must be a data source code such as D01')
    .optional(),
});

export const confirmSelectionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('runs'), runIds: z.array(id).min(1).max(5_000) }),
  z.strictObject({ kind: z.literal('device'), deviceId: id, filter: confirmFilterSchema.optional() }),
  z.strictObject({ kind: z.literal('customer'), customerId: id, filter: confirmFilterSchema.optional() }),
]);

export const confirmRequestSchema = z.strictObject({
  selection: confirmSelectionSchema,
  note: text(4000).optional(),
  outcome: z.enum(['reviewed', 'mark_success']).optional(),
  reason: text(4000).optional(),
});

export const unconfirmRequestSchema = z.strictObject({ runId: id });

export const outboxRequestSchema = z.strictObject({
  states: z.array(uploadState).max(7).optional(),
  limit: z.number().int().min(1).max(1_000).optional(),
});

export const uploadAttemptsRequestSchema = z.strictObject({ externalId: text(64) });

/** The Backupchecks part of `app:save-settings`; the key travels beside it, write-only. */
export const backupchecksSettingsInputSchema = z.strictObject({
  url: text(2048),
  mode: z.enum(['run', 'review']),
  autoUpload: z.boolean(),
});

/** Spread into the IPC schema map; keys are the contract's confirm-and-upload channels. */
export const UPLOAD_REQUEST_SCHEMAS = {
  'app:preview-confirm': confirmSelectionSchema,
  'app:confirm-runs': confirmRequestSchema,
  'app:unconfirm-run': unconfirmRequestSchema,
  'app:upload-now': none,
  'app:get-outbox': outboxRequestSchema,
  'app:get-upload-attempts': uploadAttemptsRequestSchema,
} as const;

export type UploadChannel = keyof typeof UPLOAD_REQUEST_SCHEMAS;
