import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FileAnalyzer } from './state';
import { declaredValue, fieldsRecord, reference } from './declared';
import { declaredNames, nameOf } from './exports';
import type { ExportedModel } from './facts';
import { calleeTail, objectFields, zodFields, type DeclaredField } from './record-fields';
import { collectCategories, type Value } from './values';

/**
 * The record shapes a module exports, for other modules whose values are typed by them or read
 * through them: interfaces and type aliases, classes (TypeORM entities, DTOs, NestJS Mongoose
 * schemas), Drizzle tables (`pgTable('users', { email: text() })`), Mongoose models
 * (`model('User', new Schema({ email: String }))`) and Sequelize models (`sequelize.define`,
 * `User.init`). Read from the syntax only: nothing of the module is run.
 */
export function exportedModels(a: FileAnalyzer, program: TSESTree.Program): Record<string, ExportedModel> {
  const shapes = new Map<string, { model: string; fields: DeclaredField[] } | 'type'>();
  const schemas = new Map<string, DeclaredField[]>();
  const exported = new Map<string, string[]>();
  const exportAs = (local: string, name: string) => exported.set(local, [...(exported.get(local) ?? []), name]);

  for (const statement of program.body) {
    let decl: TSESTree.Node | null | undefined = statement;
    if (statement.type === 'ExportNamedDeclaration') {
      decl = statement.declaration;
      if (!statement.source) for (const s of statement.specifiers) if (s.local.type === 'Identifier') exportAs(s.local.name, nameOf(s.exported));
      for (const name of declaredNames(decl)) exportAs(name, name);
    } else if (statement.type === 'ExportDefaultDeclaration') {
      decl = statement.declaration;
      if (decl.type === 'Identifier') exportAs(decl.name, 'default');
      else for (const name of declaredNames(decl)) exportAs(name, 'default');
    }
    if (!decl) continue;
    if (decl.type === 'TSInterfaceDeclaration' || decl.type === 'TSTypeAliasDeclaration') shapes.set(decl.id.name, 'type');
    else if (decl.type === 'ClassDeclaration' && decl.id) shapes.set(decl.id.name, { model: decl.id.name, fields: classFields(decl) });
    else if (decl.type === 'VariableDeclaration') {
      for (const d of decl.declarations) {
        if (d.id.type !== 'Identifier' || !d.init) continue;
        const schema = schemaFields(d.init);
        if (schema) schemas.set(d.id.name, schema);
        const zod = zodFields(d.init);
        if (zod) shapes.set(d.id.name, { model: d.id.name, fields: zod });
        const model = modelDefinition(d.init, d.id.name, schemas);
        if (model) shapes.set(d.id.name, model);
      }
    } else if (decl.type === 'ExpressionStatement') {
      // Sequelize: `User.init({ email: DataTypes.STRING }, { sequelize })`.
      const init = sequelizeInit(decl.expression);
      if (init && shapes.has(init.name)) shapes.set(init.name, { model: init.name, fields: init.fields });
    }
  }

  const out: Record<string, ExportedModel> = {};
  for (const [local, names] of exported) {
    const shape = shapes.get(local);
    if (!shape) continue;
    const value: Value | undefined = shape === 'type' ? declaredValue(a, reference(local), local) : fieldsRecord(a, shape.fields, shape.model, undefined);
    const categories = [...collectCategories(value).keys()].sort();
    if (categories.length === 0) continue;
    const fields: Record<string, string[]> = {};
    for (const [key, field] of value?.fields ?? []) {
      const own = [...collectCategories(field).keys()].sort();
      if (own.length > 0) fields[key] = own;
    }
    for (const name of names) out[name] = { model: shape === 'type' ? local : shape.model, categories, fields };
  }
  return out;
}

/** A class's instance properties: `@Column() email: string`, `email!: string`. */
function classFields(decl: TSESTree.ClassDeclaration): DeclaredField[] {
  const out: DeclaredField[] = [];
  for (const m of decl.body.body) {
    if ((m.type !== 'PropertyDefinition' && m.type !== 'TSAbstractPropertyDefinition') || m.static || m.computed || m.key.type !== 'Identifier') continue;
    // A field set to something other than a literal holds a client or a helper (`logger = new Logger()`), not data.
    if (m.value && m.value.type !== 'Literal') continue;
    out.push({ node: m.key, key: m.key.name, type: m.typeAnnotation?.typeAnnotation });
  }
  return out;
}

/** `new Schema({ email: String })`, `new mongoose.Schema({...})`. */
function schemaFields(init: TSESTree.Expression): DeclaredField[] | undefined {
  if (init.type !== 'NewExpression' || calleeTail(init.callee) !== 'Schema') return undefined;
  return objectFields(init.arguments[0]);
}

const TABLE_FUNCTIONS = new Set(['pgTable', 'mysqlTable', 'sqliteTable', 'singlestoreTable', 'table']);

/** A model defined by a call: a Drizzle table, a Mongoose model, a Sequelize `define`. */
function modelDefinition(init: TSESTree.Expression, local: string, schemas: Map<string, DeclaredField[]>): { model: string; fields: DeclaredField[] } | undefined {
  // `models.User || model('User', userSchema)`: the model as defined.
  if (init.type === 'LogicalExpression') return modelDefinition(init.right, local, schemas);
  if (init.type === 'TSAsExpression') return modelDefinition(init.expression, local, schemas);
  if (init.type !== 'CallExpression') return undefined;
  const fn = calleeTail(init.callee);
  const [first, second] = init.arguments;
  const name = first?.type === 'Literal' && typeof first.value === 'string' ? first.value : local;
  if (fn && TABLE_FUNCTIONS.has(fn)) {
    const fields = objectFields(second);
    return fields ? { model: name, fields } : undefined;
  }
  if (fn === 'model') {
    const fields = second?.type === 'Identifier' ? schemas.get(second.name) : second?.type === 'NewExpression' ? schemaFields(second) : undefined;
    return fields ? { model: name, fields } : undefined;
  }
  if (fn === 'define' && init.callee.type === 'MemberExpression') {
    const fields = objectFields(second);
    return fields ? { model: name, fields } : undefined;
  }
  return undefined;
}

function sequelizeInit(expr: TSESTree.Expression): { name: string; fields: DeclaredField[] } | undefined {
  if (expr.type !== 'CallExpression' || expr.callee.type !== 'MemberExpression' || calleeTail(expr.callee) !== 'init') return undefined;
  if (expr.callee.object.type !== 'Identifier') return undefined;
  const fields = objectFields(expr.arguments[0]);
  return fields ? { name: expr.callee.object.name, fields } : undefined;
}
