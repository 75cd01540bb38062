/**
 * Names for simulated customers, sites and machines. Every character stays inside ISO-8859-1 so the
 * Latin-1 fault mode can encode any response without loss (no 'œ', 'ł', curly quotes or dashes).
 */
import type { SeededRandom } from './seeded-random';

/** The first customers of every fleet, so even a small one has accents, '&', apostrophes and `(email)`. */
const SHOWCASE_CUSTOMERS = [
  'Acme Ltd (it@acme.example)',
  'Café Müller GmbH',
  'Smith & Sons',
  "O'Brien Dental (frontdesk@obrien-dental.example)",
  'Ærø Fiskeri ApS (kontor@aero-fiskeri.example)',
  'Crème Brûlée Pâtisserie SARL',
  "Señor Peña's Tapas Bar",
  'Zeus & Sons (admin@zeus-and-sons.example)',
];

const SURNAMES = [
  'Müller', 'Schäfer', 'Dubois', 'Lefèvre', 'García', 'Peña', 'Núñez', 'Åkesson', 'Sørensen', "O'Connor",
  "D'Angelo", 'Nguyen', 'Rossi', 'Jansen', 'Van der Berg', 'Smith', 'Johnson', 'Williams', 'Brown', 'Taylor',
  'Wilson', 'Moreau', 'Fischer', 'Weiß', 'Köhler', 'Jürgens', 'Løvstad', 'Ibáñez', 'Conceição', 'Gonçalves',
  'Björk', 'Ström', 'MacDonald', 'Fitzgerald', 'Hernández', 'Olsen', 'Bauer', 'Becker', 'Fontaine', 'Kowalski',
];

const TRADES = [
  'Bakery', 'Dental Practice', 'Accountants', 'Logistics', 'Architects', 'Law Firm', 'Garage', 'Pharmacy',
  'Veterinary Clinic', 'Consulting', 'Engineering', 'Printing', 'Florist', 'Travel', 'Insurance Brokers',
  'Estate Agents', 'Physiotherapy', 'Opticians', 'Brewery', 'Joinery', 'Hotel', 'Translations', 'Surveyors',
  'Plumbing', 'Electrical',
];

const LEGAL_FORMS = ['Ltd', 'GmbH', 'B.V.', 'SARL', 'LLC', '& Sons', '& Co', '& Partners', 'ApS', 'AB', 'S.L.', 'Inc.'];

const MAILBOX_ROLES = ['it', 'admin', 'office', 'info', 'ops', 'helpdesk'];

const SITE_KINDS = ['Head Office', 'Warehouse', 'Branch', 'Atelier', 'Depot', 'Clinic'];

const CITIES: readonly (readonly [string, string, string])[] = [
  ['Amsterdam', 'Netherlands', '1012 AB'],
  ['Köln', 'Germany', '50667'],
  ['Zürich', 'Switzerland', '8001'],
  ['Lyon', 'France', '69002'],
  ['Manchester', 'United Kingdom', 'M1 1AE'],
  ['Málaga', 'Spain', '29015'],
  ['Århus', 'Denmark', '8000'],
  ['Göteborg', 'Sweden', '411 03'],
  ['Dublin', 'Ireland', 'D02 X285'],
  ['Porto', 'Portugal', '4050-001'],
];

const STREETS = ['Hauptstraße', 'Rue de la Paix', 'High Street', 'Calle Mayor', 'Kerkstraat', 'Storgatan', 'Main Street'];

/** ASCII slug for e-mail domains and machine names: 'Café Müller GmbH' → 'cafe-muller-gmbh'. */
export function asciiSlug(name: string): string {
  return name
    .replace(/'/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[Ææ]/g, 'ae')
    .replace(/[Øø]/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\(.*\)/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Customer names without repeats; `index` picks the showcase names first. */
export class CustomerNamer {
  private readonly used = new Set<string>();

  constructor(private readonly rng: SeededRandom) {}

  next(index: number): string {
    const showcase = SHOWCASE_CUSTOMERS[index];
    if (showcase) return this.claim(showcase);
    for (let attempt = 0; attempt < 8; attempt++) {
      const candidate = `${this.rng.pick(SURNAMES)} ${this.rng.pick(TRADES)} ${this.rng.pick(LEGAL_FORMS)}`;
      if (!this.used.has(candidate)) return this.claim(this.withEmail(candidate));
    }
    // The combination space is ~12,000; beyond that, number the duplicates.
    const base = `${this.rng.pick(SURNAMES)} ${this.rng.pick(TRADES)}`;
    let n = 2;
    while (this.used.has(`${base} ${n}`)) n++;
    return this.claim(`${base} ${n}`);
  }

  private withEmail(name: string): string {
    // About half of Cove customers carry the contact address in their name, like the console dropdown.
    if (!this.rng.chance(0.5)) return name;
    return `${name} (${this.rng.pick(MAILBOX_ROLES)}@${asciiSlug(name).slice(0, 30)}.example)`;
  }

  private claim(name: string): string {
    this.used.add(name);
    this.used.add(stripEmail(name));
    return name;
  }
}

export function stripEmail(name: string): string {
  return name.replace(/\s*\([^()]*@[^()]*\)$/, '');
}

export function emailOf(name: string): string | null {
  return /\(([^()]*@[^()]*)\)$/.exec(name)?.[1] ?? null;
}

/** 'Warehouse Köln', 'Branch Zürich', ...: the n-th site of the fleet. */
export function siteName(index: number): string {
  return `${SITE_KINDS[index % SITE_KINDS.length]} ${CITIES[Math.floor(index / SITE_KINDS.length) % CITIES.length][0]}`;
}

export function randomAddress(rng: SeededRandom): { street: string; city: string; zipCode: string; country: string } {
  const [city, country, zipCode] = rng.pick(CITIES);
  return { street: `${rng.pick(STREETS)} ${rng.int(1, 180)}`, city, zipCode, country };
}

export function randomPhone(rng: SeededRandom): string {
  return `+${rng.int(31, 49)} ${rng.int(10, 99)} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`;
}

/** Short upper-case machine prefix from a customer name: 'Café Müller GmbH' → 'CAFE'. */
export function machinePrefix(customerName: string): string {
  const first = asciiSlug(customerName).split('-')[0] ?? '';
  return (first.slice(0, 6) || 'PC').toUpperCase();
}
