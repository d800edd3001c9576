import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const schemaFile = join(__dirname, '../../..', 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

/** Validates a SARIF log against the SARIF 2.1.0 schema (draft-04, read by ajv as draft-07: it uses no keyword that differs). */
export function validateSarif(log: unknown): string[] {
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
