import type { CheckName } from './ai-checks.js';

/**
 * Every application identifier of the GS1 General Specifications, with the syntax of its data field.
 *
 * Each row is `[AI or range, field, title, options]`. The field is written in this file's own notation: parts
 * separated by spaces, each a character set (`n` digits, `x` GS1 character set 82, `y` set 39, `z` base64url)
 * and a length (`14` fixed, `1-20` from 1 to 20), optionally followed by `!check` for the content rule it must
 * pass, and wrapped in parentheses when it may be left out. Only the last part may vary in length.
 *
 * Options: `key` marks a GS1 Digital Link primary key and lists the orders its qualifiers may take in the URI
 * path (`|` between alternatives); `pathOnly` marks an AI that a Digital Link may not carry in its query.
 */
type Row = [ai: string, field: string, title: string, options?: { key?: string; pathOnly?: true }];

const ROWS: Row[] = [
  ['00', 'n18!mod10', 'SSCC, serial shipping container code', { key: '' }],
  ['01', 'n14!mod10', 'GTIN', { key: '22,10,21|235' }],
  ['02', 'n14!mod10', 'GTIN of the trade items contained'],
  ['03', 'n14!mod10', 'GTIN of a made-to-order item', { pathOnly: true }],
  ['10', 'x1-20', 'batch/lot'],
  ['11', 'n6!date0', 'production date'],
  ['12', 'n6!date0', 'due date for payment'],
  ['13', 'n6!date0', 'packaging date'],
  ['15', 'n6!date0', 'best before date'],
  ['16', 'n6!date0', 'sell by date'],
  ['17', 'n6!date0', 'expiry date'],
  ['20', 'n2', 'internal product variant'],
  ['21', 'x1-20', 'serial number', { pathOnly: true }],
  ['22', 'x1-20', 'consumer product variant', { pathOnly: true }],
  ['235', 'x1-28', 'third-party controlled serial extension', { pathOnly: true }],
  ['240', 'x1-30', 'additional product identification'],
  ['241', 'x1-30', 'customer part number'],
  ['242', 'n1-6', 'made-to-order variant number'],
  ['243', 'x1-20', 'packaging component number'],
  ['250', 'x1-30', 'secondary serial number'],
  ['251', 'x1-30', 'reference to source entity'],
  ['253', 'n13!mod10 (x1-17)', 'GDTI, global document type identifier', { key: '' }],
  ['254', 'x1-20', 'GLN extension component', { pathOnly: true }],
  ['255', 'n13!mod10 (n1-12)', 'GCN, global coupon number', { key: '' }],
  ['30', 'n1-8', 'variable count of items'],
  ...measures('310', 'net weight, kilograms'),
  ...measures('311', 'length or first dimension, metres'),
  ...measures('312', 'width, diameter or second dimension, metres'),
  ...measures('313', 'depth, thickness, height or third dimension, metres'),
  ...measures('314', 'area, square metres'),
  ...measures('315', 'net volume, litres'),
  ...measures('316', 'net volume, cubic metres'),
  ...measures('320', 'net weight, pounds'),
  ...measures('321', 'length or first dimension, inches'),
  ...measures('322', 'length or first dimension, feet'),
  ...measures('323', 'length or first dimension, yards'),
  ...measures('324', 'width, diameter or second dimension, inches'),
  ...measures('325', 'width, diameter or second dimension, feet'),
  ...measures('326', 'width, diameter or second dimension, yards'),
  ...measures('327', 'depth, thickness, height or third dimension, inches'),
  ...measures('328', 'depth, thickness, height or third dimension, feet'),
  ...measures('329', 'depth, thickness, height or third dimension, yards'),
  ...measures('330', 'logistic weight, kilograms'),
  ...measures('331', 'logistic length or first dimension, metres'),
  ...measures('332', 'logistic width, diameter or second dimension, metres'),
  ...measures('333', 'logistic depth, thickness, height or third dimension, metres'),
  ...measures('334', 'logistic area, square metres'),
  ...measures('335', 'logistic volume, litres'),
  ...measures('336', 'logistic volume, cubic metres'),
  ...measures('337', 'kilograms per square metre'),
  ...measures('340', 'logistic weight, pounds'),
  ...measures('341', 'logistic length or first dimension, inches'),
  ...measures('342', 'logistic length or first dimension, feet'),
  ...measures('343', 'logistic length or first dimension, yards'),
  ...measures('344', 'logistic width, diameter or second dimension, inches'),
  ...measures('345', 'logistic width, diameter or second dimension, feet'),
  ...measures('346', 'logistic width, diameter or second dimension, yards'),
  ...measures('347', 'logistic depth, thickness, height or third dimension, inches'),
  ...measures('348', 'logistic depth, thickness, height or third dimension, feet'),
  ...measures('349', 'logistic depth, thickness, height or third dimension, yards'),
  ...measures('350', 'area, square inches'),
  ...measures('351', 'area, square feet'),
  ...measures('352', 'area, square yards'),
  ...measures('353', 'logistic area, square inches'),
  ...measures('354', 'logistic area, square feet'),
  ...measures('355', 'logistic area, square yards'),
  ...measures('356', 'net weight, troy ounces'),
  ...measures('357', 'net weight or volume, ounces'),
  ...measures('360', 'net volume, US quarts'),
  ...measures('361', 'net volume, US gallons'),
  ...measures('362', 'logistic volume, US quarts'),
  ...measures('363', 'logistic volume, US gallons'),
  ...measures('364', 'net volume, cubic inches'),
  ...measures('365', 'net volume, cubic feet'),
  ...measures('366', 'net volume, cubic yards'),
  ...measures('367', 'logistic volume, cubic inches'),
  ...measures('368', 'logistic volume, cubic feet'),
  ...measures('369', 'logistic volume, cubic yards'),
  ['37', 'n1-8', 'count of trade items contained'],
  ...decimals('390', 'n1-15', 'amount payable or coupon value, local currency', 10),
  ...decimals('391', 'n3!currency n1-15', 'amount payable with ISO currency code', 10),
  ...decimals('392', 'n1-15', 'amount payable for a variable measure item, single monetary area', 10),
  ...decimals('393', 'n3!currency n1-15', 'amount payable for a variable measure item, with ISO currency code', 10),
  ...decimals('394', 'n4', 'percentage discount of a coupon', 4),
  ...decimals('395', 'n6', 'amount payable per unit of measure, single monetary area', 6),
  ['400', 'x1-30', "customer's purchase order number"],
  ['401', 'x1-30', 'GINC, global identification number for consignment', { key: '' }],
  ['402', 'n17!mod10', 'GSIN, global shipment identification number', { key: '' }],
  ['403', 'x1-30', 'routing code'],
  ['410', 'n13!mod10', 'ship to / deliver to GLN'],
  ['411', 'n13!mod10', 'bill to / invoice to GLN'],
  ['412', 'n13!mod10', 'purchased from GLN'],
  ['413', 'n13!mod10', 'ship for / deliver for / forward to GLN'],
  ['414', 'n13!mod10', 'GLN of a physical location', { key: '254|7040' }],
  ['415', 'n13!mod10', 'GLN of the invoicing party', { key: '8020' }],
  ['416', 'n13!mod10', 'GLN of the production or service location'],
  ['417', 'n13!mod10', 'party GLN', { key: '7040' }],
  ['420', 'x1-20', 'ship to postal code, single postal authority'],
  ['421', 'n3!country x1-9', 'ship to postal code with ISO country code'],
  ['422', 'n3!country', 'country of origin'],
  ['423', 'n3!country (n3!country) (n3!country) (n3!country) (n3!country)', 'countries of initial processing'],
  ['424', 'n3!country', 'country of processing'],
  ['425', 'n3!country (n3!country) (n3!country) (n3!country) (n3!country)', 'countries of disassembly'],
  ['426', 'n3!country', 'country covering the full process chain'],
  ['427', 'x1-3', 'country subdivision of origin'],
  ['4300', 'x1-35!pct', 'ship-to company name'],
  ['4301', 'x1-35!pct', 'ship-to contact'],
  ['4302', 'x1-70!pct', 'ship-to address line 1'],
  ['4303', 'x1-70!pct', 'ship-to address line 2'],
  ['4304', 'x1-70!pct', 'ship-to suburb'],
  ['4305', 'x1-70!pct', 'ship-to locality'],
  ['4306', 'x1-70!pct', 'ship-to region'],
  ['4307', 'x2!alpha2country', 'ship-to country code'],
  ['4308', 'x1-30', 'ship-to telephone number'],
  ['4309', 'n10!latitude n10!longitude', 'ship-to geolocation'],
  ['4310', 'x1-35!pct', 'return-to company name'],
  ['4311', 'x1-35!pct', 'return-to contact'],
  ['4312', 'x1-70!pct', 'return-to address line 1'],
  ['4313', 'x1-70!pct', 'return-to address line 2'],
  ['4314', 'x1-70!pct', 'return-to suburb'],
  ['4315', 'x1-70!pct', 'return-to locality'],
  ['4316', 'x1-70!pct', 'return-to region'],
  ['4317', 'x2!alpha2country', 'return-to country code'],
  ['4318', 'x1-20', 'return-to postal code'],
  ['4319', 'x1-30', 'return-to telephone number'],
  ['4320', 'x1-35!pct', 'service code description'],
  ['4321', 'n1!yesno', 'dangerous goods flag'],
  ['4322', 'n1!yesno', 'authority to leave flag'],
  ['4323', 'n1!yesno', 'signature required flag'],
  ['4324', 'n6!date0 n4!hhmm', 'not before delivery date and time'],
  ['4325', 'n6!date0 n4!hhmm', 'not after delivery date and time'],
  ['4326', 'n6!date', 'release date'],
  ['4330', 'n6 (x1!minus)', 'maximum temperature, Fahrenheit'],
  ['4331', 'n6 (x1!minus)', 'maximum temperature, Celsius'],
  ['4332', 'n6 (x1!minus)', 'minimum temperature, Fahrenheit'],
  ['4333', 'n6 (x1!minus)', 'minimum temperature, Celsius'],
  ['7001', 'n13', 'NATO stock number'],
  ['7002', 'x1-30', 'UNECE meat carcasses and cuts classification'],
  ['7003', 'n6!date n4!hhmm', 'expiration date and time'],
  ['7004', 'n1-4', 'active potency'],
  ['7005', 'x1-12', 'catch area'],
  ['7006', 'n6!date', 'first freeze date'],
  ['7007', 'n6!date (n6!date)', 'harvest date or date range'],
  ['7008', 'x1-3', 'species for fishery purposes'],
  ['7009', 'x1-10', 'fishing gear type'],
  ['7010', 'x1-2', 'production method'],
  ['7011', 'n6!date (n4!hhmm)', 'test by date'],
  ['7020', 'x1-20', 'refurbishment lot'],
  ['7021', 'x1-20', 'functional status'],
  ['7022', 'x1-20', 'revision status'],
  ['7023', 'x1-30', 'GIAI of an assembly'],
  ...Array.from({ length: 10 }, (_, n): Row => [
    `703${n}`,
    'n3!country999 x1-27',
    `approval number of processor ${n} with ISO country code`,
  ]),
  ['7040', 'n1 x1 x1 x1!importer', 'GS1 UIC with extension 1 and importer index', { pathOnly: true }],
  ['7041', 'x1-4!packagetype', 'UN/CEFACT freight unit type', { pathOnly: true }],
  ['710', 'x1-20', 'national healthcare reimbursement number, Germany (PZN)'],
  ['711', 'x1-20', 'national healthcare reimbursement number, France (CIP)'],
  ['712', 'x1-20', 'national healthcare reimbursement number, Spain (CN)'],
  ['713', 'x1-20', 'national healthcare reimbursement number, Brazil (DRN)'],
  ['714', 'x1-20', 'national healthcare reimbursement number, Portugal (AIM)'],
  ['715', 'x1-20', 'national healthcare reimbursement number, United States (NDC)'],
  ['716', 'x1-20', 'national healthcare reimbursement number, Italy (AIC)'],
  ['717', 'x1-20', 'national healthcare reimbursement number, Spain (SRN)'],
  ...Array.from({ length: 10 }, (_, n): Row => [`723${n}`, 'x2 x1-28', `certification reference ${n + 1}`]),
  ['7240', 'x1-20', 'protocol ID'],
  ['7241', 'n2!media', 'AIDC media type'],
  ['7242', 'x1-25', 'version control number'],
  ['7250', 'n8!date8', 'date of birth'],
  ['7251', 'n8!date8 n4!hhmm', 'date and time of birth'],
  ['7252', 'n1!sex', 'biological sex'],
  ['7253', 'x1-40!pct', 'family name of a person'],
  ['7254', 'x1-40!pct', 'given name of a person'],
  ['7255', 'x1-10', 'name suffix of a person'],
  ['7256', 'x1-90!pct', 'full name of a person'],
  ['7257', 'x1-70!pct', 'address of a person'],
  ['7258', 'x3!birthorder', 'baby birth sequence indicator'],
  ['7259', 'x1-40!pct', 'baby of family name'],
  [
    '8001',
    'n4!nonzero n5!nonzero n3!nonzero n1!winding n1',
    'roll products: width, length, core diameter, direction, splices',
  ],
  ['8002', 'x1-20', 'cellular mobile telephone identifier'],
  ['8003', 'n1!zero n13!mod10 (x1-16)', 'GRAI, global returnable asset identifier', { key: '' }],
  ['8004', 'x1-30', 'GIAI, global individual asset identifier', { key: '7040' }],
  ['8005', 'n6', 'price per unit of measure'],
  ['8006', 'n14!mod10 n4!piece', 'ITIP, identification of an individual trade item piece', { key: '22,10,21' }],
  ['8007', 'x1-34!iban', 'IBAN, international bank account number'],
  ['8008', 'n6!date n2!hh (n2!mi) (n2!ss)', 'date and time of production'],
  ['8009', 'x1-50', 'optically readable sensor indicator'],
  ['8010', 'y1-30', 'CPID, component/part identifier', { key: '8011' }],
  ['8011', 'n1-12!nozeroprefix', 'CPID serial number', { pathOnly: true }],
  ['8012', 'x1-20', 'software version'],
  ['8013', 'x1-25!gmn', 'GMN, global model number', { key: '' }],
  ['8014', 'x1-25!gmn!hasletter', 'MUDI, highly individualised device registration identifier', { pathOnly: true }],
  ['8017', 'n18!mod10', 'GSRN of a service provider', { key: '8019' }],
  ['8018', 'n18!mod10', 'GSRN of a service recipient', { key: '8019' }],
  ['8019', 'n1-10', 'SRIN, service relation instance number', { pathOnly: true }],
  ['8020', 'x1-25', 'payment slip reference number', { pathOnly: true }],
  ['8026', 'n14!mod10 n4!piece', 'ITIP of the pieces contained'],
  ['8030', 'z1-90', 'digital signature'],
  ['8040', 'n15', 'IMEI', { pathOnly: true }],
  ['8041', 'n15', 'second IMEI', { pathOnly: true }],
  ['8042', 'n32', 'eSIM identifier', { pathOnly: true }],
  ['8043', 'n18 (n1-2)', 'physical SIM identifier', { pathOnly: true }],
  ['8110', 'x1-70', 'coupon code identification, North America'],
  ['8111', 'n4', 'loyalty points of a coupon'],
  ['8112', 'x1-70', 'positive offer file coupon code identification, North America'],
  ['8200', 'x1-70', 'extended packaging URL', { pathOnly: true }],
  ['90', 'x1-30', 'information agreed between trading partners'],
  ...Array.from({ length: 9 }, (_, n): Row => [`9${n + 1}`, 'x1-90', 'company internal information']),
];

/** The six variants of a measure, the last digit of the AI giving the number of decimals. */
function measures(prefix: string, title: string): Row[] {
  return decimals(prefix, 'n6', title, 6);
}

function decimals(prefix: string, field: string, title: string, count: number): Row[] {
  return Array.from({ length: count }, (_, n): Row => [`${prefix}${n}`, field, `${title} (${n} decimals)`]);
}

export type Charset = 'n' | 'x' | 'y' | 'z';

export interface FieldPart {
  charset: Charset;
  min: number;
  max: number;
  optional: boolean;
  checks: CheckName[];
}

export interface AiDefinition {
  ai: string;
  title: string;
  parts: FieldPart[];
  /** The shortest and longest data field. */
  minLength: number;
  maxLength: number;
  /** Whether a separator (FNC1, sent as GS) must end the field when another element follows. */
  separatorRequired: boolean;
  /** For a Digital Link primary key: the orders its qualifiers may take, each a list of AIs. */
  keyQualifiers?: string[][];
  /** A Digital Link may carry it only in its path, as a qualifier, never as a query attribute. */
  pathOnly: boolean;
}

/**
 * The two-digit AI prefixes whose data field has a length fixed by the specification itself, so that no
 * separator is needed after them (GS1 General Specifications, the table of predefined lengths).
 */
const PREDEFINED_LENGTH_PREFIXES = new Set([
  '00',
  '01',
  '02',
  '03',
  '04',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '20',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '41',
]);

function parsePart(text: string): FieldPart {
  const optional = text.startsWith('(');
  const [shape, ...checks] = text.replace(/[()]/g, '').split('!');
  const match = /^([nxyz])(\d+)(?:-(\d+))?$/.exec(shape);
  if (!match) throw new Error(`bad field part ${text}`);
  const min = Number(match[2]);
  return {
    charset: match[1] as Charset,
    min,
    max: match[3] === undefined ? min : Number(match[3]),
    optional,
    checks: checks as CheckName[],
  };
}

function define([ai, field, title, options]: Row): AiDefinition {
  const parts = field.split(' ').map(parsePart);
  const minLength = parts.filter((p) => !p.optional).reduce((sum, p) => sum + p.min, 0);
  const maxLength = parts.reduce((sum, p) => sum + p.max, 0);
  return {
    ai,
    title,
    parts,
    minLength,
    maxLength,
    separatorRequired: !PREDEFINED_LENGTH_PREFIXES.has(ai.slice(0, 2)),
    keyQualifiers:
      options?.key === undefined
        ? undefined
        : options.key.split('|').map((order) => (order === '' ? [] : order.split(','))),
    pathOnly: options?.pathOnly === true,
  };
}

/** Every AI of the GS1 General Specifications, by AI. */
export const AI_TABLE: ReadonlyMap<string, AiDefinition> = new Map(ROWS.map((row) => [row[0], define(row)]));

/** The definition of the AI that starts `text` at `offset`: GS1 AIs are prefix-free, so at most one fits. */
export function aiAt(text: string, offset: number): AiDefinition | undefined {
  for (const length of [2, 3, 4]) {
    const definition = AI_TABLE.get(text.slice(offset, offset + length));
    if (definition) return definition;
  }
  return undefined;
}
