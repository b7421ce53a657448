import type { HubRepository } from './repository.ts';

export type HubListing = { slug: string; name: string; region: string; area: string };
export type Hub = HubListing & { id: number; enquiriesEmail: string };

// Hubs change a few times a year; the list is kept for a minute so that every catalogue
// request does not ask the database for it.
const LIST_TTL_MS = 60_000;

export function createHubService(deps: { hubs: HubRepository }) {
  let cached: { at: number; hubs: Promise<HubListing[]> } | undefined;

  async function list(): Promise<HubListing[]> {
    if (!cached || Date.now() - cached.at > LIST_TTL_MS) {
      const hubs = deps.hubs.list();
      cached = { at: Date.now(), hubs };
      hubs.catch(() => {
        cached = undefined;
      });
    }
    return cached.hubs;
  }

  return {
    list,
    async slugs(): Promise<Set<string>> {
      return new Set((await list()).map((h) => h.slug));
    },
    /** Hubs grouped by region, regions in alphabetical order. */
    async byRegion(): Promise<{ region: string; hubs: HubListing[] }[]> {
      const groups = new Map<string, HubListing[]>();
      for (const hub of await list()) groups.set(hub.region, [...(groups.get(hub.region) ?? []), hub]);
      return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([region, hubs]) => ({ region, hubs }));
    },
    async findBySlug(slug: string): Promise<Hub | undefined> {
      const row = await deps.hubs.findBySlug(slug);
      return row && { id: row.id, slug: row.slug, name: row.name, region: row.region, area: row.area, enquiriesEmail: row.enquiries_email };
    },
  };
}

export type HubService = ReturnType<typeof createHubService>;
