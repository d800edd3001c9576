import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { tokenize } from '../core/taxonomy';
import type { FileAnalyzer } from './state';
import type { Scope } from './scope';
import { CLEAN, derived, isFunctionExpression, UNKNOWN, type Value } from './values';

/**
 * Files a person uploads: multer's `req.file(s)`, koa-body's `ctx.request.files`, formidable's
 * parsed files, a `File` of `formData.get('file')` or of an `<input type="file">`. What is in them
 * is the person's content (user.content.private, or the more specific content category the field's
 * name says, such as an avatar); their name, type and size are not.
 */

/** The request input an uploaded file is. */
const UPLOADED_FILE = 'uploaded file';
/** The request input a list (or a map by field name) of uploaded files is. */
const UPLOADED_FILES = 'uploaded files';
/** The temporary path an uploaded file was written to: reading it gives the file's content. */
const UPLOADED_FILE_PATH = 'uploaded file path';

/** What uploads need of the analyzer. */
type UploadSources = Pick<FileAnalyzer, 'fixedSource' | 'config'>;

const CONTENT_CATEGORY = 'user.content.private';

/** Properties of an uploaded file that hold its bytes (multer `buffer`, express-fileupload `data`). */
const CONTENT_PROPS = new Set(['buffer', 'stream', 'data', 'content', 'contents', 'body', 'blob', 'bytes']);
/** Properties of an uploaded file that hold where it was written (multer `path`, formidable `filepath`, express-fileupload `tempFilePath`). */
const PATH_PROPS = new Set(['path', 'filepath', 'filePath', 'tempFilePath', 'tmpPath', 'tempPath']);
/** Methods of a `File` or `Blob` that read its content. */
const FILE_READ_METHODS = new Set(['arrayBuffer', 'text', 'stream', 'bytes', 'slice']);
/** Functions of `fs` (and Bun) that read a file at a path. */
const PATH_READERS = new Set(['readFile', 'readFileSync', 'createReadStream', 'file']);
/** Field names that hold a file a person sent (`form.get('file')`, `req.body.attachments`). */
const FILE_FIELD = /^(file|files|attachment|attachments|upload|uploads|blob|avatar|image|photo|picture)$/;

/** An uploaded file: its content is the person's, of the content category its field's name says. */
export function uploadedFile(a: UploadSources, node: TSESTree.Node, note: string, field?: string): Value {
  const named = field ? a.config.matcher.match(field, { personContext: true }) : undefined;
  const category = named?.startsWith('user.content') ? named : CONTENT_CATEGORY;
  const cats = a.fixedSource(node, category, `${note} (${category})`);
  // Its content fields say so to callees in other modules: one that logs `file.size` logs no content.
  const content: Value = { cats, known: true };
  const file: Value = { input: UPLOADED_FILE, container: true, cats, fields: new Map([...CONTENT_PROPS].map((p) => [p, content])), known: true };
  // formidable and koa-body give a list under a field name (`files.archive[0]`): its elements are files too.
  return { ...file, elements: file };
}

/** A list of uploaded files (`req.files`, `input.files`): each element, or each field, is an uploaded file. */
export function uploadedFiles(a: UploadSources, node: TSESTree.Node, note: string): Value {
  const file = uploadedFile(a, node, note);
  return { input: UPLOADED_FILES, container: true, cats: file.cats, elements: file, known: true };
}

/**
 * A field of request input that is, or is part of, an uploaded file; undefined for any other
 * field, which is then known by its name.
 */
export function uploadField(a: UploadSources, input: string, prop: string, node: TSESTree.Node): Value | undefined {
  if (input === UPLOADED_FILES) return uploadedFile(a, node, `the file uploaded as ${prop}`, prop);
  if (input === UPLOADED_FILE) {
    if (CONTENT_PROPS.has(prop)) return { cats: uploadedFile(a, node, `${prop} of the uploaded file`).cats, known: true };
    if (PATH_PROPS.has(prop)) return { input: UPLOADED_FILE_PATH, known: true };
    // The rest is metadata (`originalname`, `mimetype`, `size`): the file's, not a person's.
    return CLEAN;
  }
  if ((input === 'form data' || input === 'request body') && FILE_FIELD.test(tokenize(prop).join(' '))) {
    return uploadedFile(a, node, `the file sent as ${prop} in the ${input}`, prop);
  }
  return undefined;
}

/**
 * `event.target.files`, `inputRef.current.files`, `event.dataTransfer.files`, `fileInput.files`:
 * the files a person picked in the browser.
 */
export function pickedFiles(a: UploadSources, prop: string, node: TSESTree.Node, objectNode: TSESTree.Node | undefined): Value | undefined {
  if (prop !== 'files' || !objectNode) return undefined;
  const owner = objectNode.type === 'MemberExpression' && !objectNode.computed && objectNode.property.type === 'Identifier'
    ? objectNode.property.name
    : objectNode.type === 'Identifier' ? objectNode.name : undefined;
  if (!owner) return undefined;
  const words = tokenize(owner);
  const picker = ['target', 'currentTarget', 'current', 'dataTransfer', 'clipboardData'].includes(owner) || words[words.length - 1] === 'input';
  return picker ? uploadedFiles(a, node, 'files picked in the browser') : undefined;
}

/**
 * What reading an uploaded file gives: its content, for `file.arrayBuffer()` of a `File` and for
 * `fs.readFile(file.filepath)` of the path it was written to. Undefined for any other call.
 */
export function uploadRead(a: UploadSources, node: TSESTree.Node, object: Value | undefined, method: string, args: Value[]): Value | undefined {
  if (object?.input === UPLOADED_FILE && FILE_READ_METHODS.has(method)) return { cats: object.cats, known: true };
  if (PATH_READERS.has(method) && args[0]?.input === UPLOADED_FILE_PATH) return { cats: uploadedFile(a, node, 'the uploaded file read from its path').cats, known: true };
  return undefined;
}

/** `Readable.from(buffer)`, `Buffer.concat([a, b])`, `Buffer.from(bytes)`: the same bytes. */
export function sameBytes(objectName: string, method: string, args: Value[]): Value | undefined {
  if ((objectName === 'Readable' || objectName === 'Buffer') && (method === 'from' || method === 'concat')) return derived(args.slice(0, 1));
  return undefined;
}

/** Constructors that hold the bytes they are given: typed arrays, `Blob`, `File`. */
export const BYTES_CONSTRUCTORS: ReadonlySet<string> = new Set(['Uint8Array', 'Uint8ClampedArray', 'Int8Array', 'ArrayBuffer', 'DataView', 'Blob', 'File']);

/** Vendor constructors that send what they are given when run (`new Upload({ client, params: { Body } }).done()`, AWS lib-storage). */
export const UPLOAD_CONSTRUCTORS: ReadonlySet<string> = new Set(['Upload']);

/**
 * formidable's and multiparty's `form.parse(req, (err, fields, files) => ...)`: the callback gets
 * the request's fields and its uploaded files. Returns undefined for any other call.
 */
export function multipartParse(a: FileAnalyzer, node: TSESTree.CallExpression, object: Value, method: string, scope: Scope): Value | undefined {
  const spec = object.imported?.spec ?? object.factory?.spec;
  if (method !== 'parse' || !spec || !MULTIPART_PARSERS.has(spec)) return undefined;
  const fields: Value = { input: 'request body', container: true, known: true };
  const files = uploadedFiles(a, node, `files parsed by ${spec}`);
  for (const arg of node.arguments) {
    if (isFunctionExpression(arg)) a.upper.runCallback(a, arg, [UNKNOWN, fields, files], scope);
  }
  return UNKNOWN;
}

const MULTIPART_PARSERS = new Set(['formidable', 'multiparty']);

/** Types of an uploaded file on the server: multer's `Express.Multer.File`, formidable's `File`, express-fileupload's `UploadedFile`, fastify's `MultipartFile`, graphql-upload's `FileUpload`. */
const UPLOAD_TYPES = new Set(['Multer.File', 'formidable.File', 'Formidable.File', 'UploadedFile', 'MultipartFile', 'FileUpload']);

/**
 * A parameter declared as an uploaded file (`file: File` in the browser, where only a person's
 * pick or drop makes one; `file: Express.Multer.File` on the server), or a list of them
 * (`files: File[]`, `FileList`). `bound` says whether a type name is the module's own (an imported
 * `File` model is not the DOM's).
 */
export function uploadedParam(a: UploadSources, type: TSESTree.TypeNode | undefined, node: TSESTree.Node, bound: (name: string) => boolean): Value | undefined {
  const kind = uploadKind(type, bound, 0);
  if (!kind) return undefined;
  const name = node.type === 'Identifier' ? node.name : 'parameter';
  return kind === 'files' ? uploadedFiles(a, node, `${name}, declared as uploaded files`) : uploadedFile(a, node, `${name}, declared as an uploaded file`, name);
}

function uploadKind(type: TSESTree.TypeNode | undefined, bound: (name: string) => boolean, depth: number): 'file' | 'files' | undefined {
  if (!type || depth > 2) return undefined;
  if (type.type === 'TSUnionType') {
    for (const t of type.types) {
      const kind = uploadKind(t, bound, depth + 1);
      if (kind) return kind;
    }
    return undefined;
  }
  if (type.type === 'TSArrayType') return uploadKind(type.elementType, bound, depth + 1) ? 'files' : undefined;
  if (type.type !== 'TSTypeReference') return undefined;
  const name = qualifiedName(type.typeName);
  if (name === 'FileList') return bound(name) ? undefined : 'files';
  if (name === 'Array' || name === 'ReadonlyArray') return uploadKind(type.typeArguments?.params[0], bound, depth + 1) ? 'files' : undefined;
  if (name === 'File') return bound(name) ? undefined : 'file';
  const last2 = name.split('.').slice(-2).join('.');
  return UPLOAD_TYPES.has(last2) || (UPLOAD_TYPES.has(name) && !name.includes('.')) ? 'file' : undefined;
}

function qualifiedName(n: TSESTree.EntityName): string {
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'TSQualifiedName') return `${qualifiedName(n.left)}.${n.right.name}`;
  return '';
}
