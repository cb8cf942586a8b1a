/**
 * Builds config/regions/regions.json from the CSV files of the idn-area-data package
 * (Kemendagri codes, ODbL-1.0). Run with `npm run -s regions` after upgrading idn-area-data.
 *
 * The package itself stays a devDependency: its loader declares Node ≥ 22, and shipping the few
 * columns we match on as one compact JSON keeps the runtime free of it. The JSON is imported by
 * src/parse/location, so `tsc` copies it into dist like any other config file.
 *
 * Layout (one array element per line keeps diffs readable):
 *   provinces: "32 Jawa Barat"
 *   regencies: "32.73 Kota Bandung"
 *   districts: "32.73.01 Sukasari"
 *   villages:  "32.73.01 1001 Sarijadi|1002 Sukarasa|…" (one element per district; the village
 *              code is the district code plus the 4-digit suffix)
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

// npm runs scripts from the package root.
const root = resolve(process.cwd());
const dataDir = join(root, 'node_modules', 'idn-area-data', 'data');
const outDir = join(root, 'config', 'regions');

const ATTRIBUTION = (version: string): string => `<!-- Written by scripts/buildRegions.ts; edit the script, not this file. -->
# Region data licence

\`regions.json\` in this folder is a Derivative Database of the Indonesian administrative area
data published by Fityan Nugroho in the idn-area-data package (version ${version},
https://github.com/fityannugroho/idn-area-data), which compiles the codes and names of
Kemendagri (Kementerian Dalam Negeri). It keeps the codes and names of provinces,
regencies/cities, districts and villages, re-arranged for fast loading, with province and
regency names converted from upper case to title case.

The database is made available under the Open Database License (ODbL) 1.0, reproduced below.
Anyone who shares \`regions.json\` or a database derived from it must keep this notice and
offer it under the same licence. The rest of this project is under its own licence.

---
`;

/** Words that keep their own capitals when an upper-case name is title-cased. */
const KEEP_UPPER = new Set(['DKI']);
/** Conjunctions written in lower case inside a name ("Pangkajene dan Kepulauan"). */
const KEEP_LOWER = new Set(['DAN']);

function rows(file: string): string[][] {
  const lines = readFileSync(join(dataDir, file), 'utf8').split(/\r?\n/).slice(1);
  // No name in the data contains a comma, so the CSV needs no quoting rules.
  return lines.filter((line) => line.trim() !== '').map((line) => line.split(','));
}

function titleCase(name: string): string {
  return name
    .split(' ')
    .map((word, i) =>
      KEEP_UPPER.has(word) ? word : i > 0 && KEEP_LOWER.has(word) ? word.toLowerCase() : word.toLowerCase().replace(/(^|[-/(])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase()),
    )
    .join(' ');
}

function clean(name: string): string {
  if (/[|]/.test(name)) throw new Error(`name contains the separator "|": ${name}`);
  return name.replace(/\s+/g, ' ').trim();
}

function main(): void {
  const pkg = JSON.parse(readFileSync(join(dataDir, '..', 'package.json'), 'utf8')) as { version: string };
  const provinces = rows('provinces.csv').map(([code, name]) => `${code} ${titleCase(clean(name ?? ''))}`);
  const regencies = rows('regencies.csv').map(([code, , name]) => `${code} ${titleCase(clean(name ?? ''))}`);
  const districts = rows('districts.csv').map(([code, , name]) => `${code} ${clean(name ?? '')}`);

  const villagesByDistrict = new Map<string, string[]>();
  for (const [code, districtCode, name] of rows('villages.csv')) {
    if (!code || !districtCode || !code.startsWith(`${districtCode}.`)) throw new Error(`unexpected village row ${code}`);
    const list = villagesByDistrict.get(districtCode) ?? [];
    list.push(`${code.slice(districtCode.length + 1)} ${clean(name ?? '')}`);
    villagesByDistrict.set(districtCode, list);
  }
  const villages = [...villagesByDistrict].map(([district, list]) => `${district} ${list.join('|')}`);

  const file = {
    source: `idn-area-data ${pkg.version} (https://github.com/fityannugroho/idn-area-data), codes of Kemendagri`,
    licence: 'Open Database License (ODbL) 1.0, see LICENSE.md in this folder',
    provinces,
    regencies,
    districts,
    villages,
  };
  mkdirSync(outDir, { recursive: true });
  const json = `{\n${Object.entries(file)
    .map(([key, value]) =>
      Array.isArray(value)
        ? `  ${JSON.stringify(key)}: [\n${value.map((v) => `    ${JSON.stringify(v)}`).join(',\n')}\n  ]`
        : `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
    )
    .join(',\n')}\n}\n`;
  writeFileSync(join(outDir, 'regions.json'), json);
  writeFileSync(join(outDir, 'LICENSE.md'), `${ATTRIBUTION(pkg.version)}\n${readFileSync(join(dataDir, 'LICENSE.md'), 'utf8')}`);
  const villageCount = [...villagesByDistrict.values()].reduce((n, list) => n + list.length, 0);
  process.stdout.write(
    `config/regions/regions.json: ${provinces.length} provinces, ${regencies.length} regencies, ` +
      `${districts.length} districts, ${villageCount} villages, ${(json.length / 1024 / 1024).toFixed(2)} MB\n`,
  );
}

main();
