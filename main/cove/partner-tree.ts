/**
 * Groups devices under their end customer (cove-api.md §4.2, §11 item 25). A device's own
 * partner may be a Site; sites roll up into their EndCustomer. The reseller the API user
 * belongs to is not a customer: only devices attached directly to it are grouped under it.
 */
import type { Partner, PartnerLevel } from './cove-types';

export interface CustomerRef {
  id: number;
  name: string;
}

const LEVELS: readonly PartnerLevel[] = ['Root', 'SubRoot', 'Distributor', 'SubDistributor', 'Reseller', 'EndCustomer', 'Site'];

export function partnerLevel(raw: unknown): PartnerLevel {
  return LEVELS.includes(raw as PartnerLevel) ? (raw as PartnerLevel) : 'Undefined';
}

export class PartnerTree {
  private readonly byId = new Map<number, Partner>();
  private readonly cache = new Map<number, CustomerRef | null>();

  constructor(readonly root: Partner, partners: readonly Partner[]) {
    this.byId.set(root.id, root);
    for (const partner of partners) this.byId.set(partner.id, partner);
  }

  get(id: number): Partner | undefined {
    return this.byId.get(id);
  }

  /**
   * The end customer a partner belongs to: the nearest EndCustomer at or above it; failing that
   * (devices under a reseller or distributor directly), the nearest partner that is not a Site.
   * `null` when the partner is not in the tree at all.
   */
  customerOf(partnerId: number): CustomerRef | null {
    if (this.cache.has(partnerId)) return this.cache.get(partnerId) ?? null;
    const chain = this.ancestry(partnerId);
    const owner = chain.find((p) => p.level === 'EndCustomer') ?? chain.find((p) => p.level !== 'Site') ?? chain[0];
    const ref = owner ? { id: owner.id, name: owner.name } : null;
    this.cache.set(partnerId, ref);
    return ref;
  }

  /** The partner and its ancestors, nearest first; stops at the root and at cycles. */
  private ancestry(partnerId: number): Partner[] {
    const chain: Partner[] = [];
    const seen = new Set<number>();
    let current = this.byId.get(partnerId);
    while (current && !seen.has(current.id)) {
      chain.push(current);
      seen.add(current.id);
      if (current.id === this.root.id || current.parentId === null) break;
      current = this.byId.get(current.parentId);
    }
    return chain;
  }
}
