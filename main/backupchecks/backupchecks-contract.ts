/**
 * The proposed Backupchecks ingest contract (docs/backupchecks-api.md), shared by the payload
 * builder, the client and the reference receiver so the three cannot drift apart.
 * Wire names are snake_case as in backupchecks.md §7; times on the wire are ISO-8601 UTC.
 */
import { z } from 'zod';

export const API_PREFIX = '/api/v1';
/** Most runs one batch may carry; the receiver answers 422 above it. */
export const MAX_BATCH_RUNS = 500;

export const RUN_STATUSES = ['Success', 'Warning', 'Failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const REVIEW_OUTCOMES = ['reviewed', 'mark_success'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** `cove:<account id>:<data source code>:<session unix time>`, e.g. `cove:123456:D01:1772331300`. */
export const EXTERNAL_ID_PATTERN = /^cove:([1-9]\d*):(D\d{2}):(\d{1,12})$/;

const isoUtc = z.iso.datetime({ offset: false, message: 'must be an ISO-8601 UTC time such as 2026-03-01T02:15:00Z' });
const text = (max: number) => z.string().max(max);
const required = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const reviewSchema = z
  .object({
    reviewed: z.literal(true).optional(),
    reviewed_by: required(200),
    reviewed_at: isoUtc,
    outcome: z.enum(REVIEW_OUTCOMES),
    note: text(4000).nullable().optional(),
    reason: text(4000).nullable().optional(),
  })
  .refine((r) => r.outcome !== 'mark_success' || (r.reason ?? '').trim() !== '', {
    message: 'mark_success needs a reason',
    path: ['reason'],
  });

export const runObjectSchema = z.object({
  name: required(200),
  type: required(100),
  status: z.enum(RUN_STATUSES),
  message: text(4000).nullable().optional(),
});

export const runBodySchema = z.object({
  source: z.literal('api'),
  producer: required(100),
  external_id: z.string().regex(EXTERNAL_ID_PATTERN, 'must look like cove:<account id>:<data source code, e.g. D01>:<session unix time>'),
  customer: z.object({
    name: required(200),
    external_ref: text(200).nullable().optional(),
  }),
  job: z.object({
    backup_software: required(100),
    backup_type: required(100),
    job_name: required(200),
    external_ref: text(200).nullable().optional(),
  }),
  run: z.object({
    status: z.enum(RUN_STATUSES),
    started_at: isoUtc,
    ended_at: isoUtc.nullable().optional(),
    message: text(4000).nullable().optional(),
    errors: z.array(text(4000)).max(100).optional(),
  }),
  objects: z.array(runObjectSchema).max(100).optional(),
  review: reviewSchema.optional(),
});

export type ReviewBody = z.infer<typeof reviewSchema>;
export type RunObject = z.infer<typeof runObjectSchema>;
export type RunBody = z.infer<typeof runBodySchema>;

export interface BatchBody {
  runs: RunBody[];
}

/** What the receiver says about one run (the body of a single answer, one entry of a batch answer). */
export const ITEM_STATUSES = ['created', 'exists', 'updated', 'reviewed', 'staged', 'conflict', 'invalid', 'not_found'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export interface ErrorDetail {
  path: string;
  message: string;
}

export interface WireError {
  code: string;
  message: string;
  details?: ErrorDetail[];
  reviewed_by?: string | null;
  reviewed_at?: string | null;
}

export interface WireItemResult {
  external_id: string | null;
  status: ItemStatus;
  /** The HTTP status this item would have had as a single request: 201, 200, 202, 404, 409 or 422. */
  http_status: number;
  run_id?: number;
  staged_id?: number;
  message?: string;
  error?: WireError;
}

export interface WireBatchResult {
  results: WireItemResult[];
}

export const HTTP_STATUS_OF: Readonly<Record<ItemStatus, number>> = {
  created: 201,
  exists: 200,
  updated: 200,
  reviewed: 200,
  staged: 202,
  not_found: 404,
  conflict: 409,
  invalid: 422,
};

/** Zod issues → `{path, message}` lines a technician can read (`run.status: Invalid option...`). */
export function issueDetails(error: z.ZodError, prefix = ''): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.') || '(body)',
    message: issue.message,
  }));
}
