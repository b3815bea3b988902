#!/usr/bin/env node
/**
 * Prints, as JSON, the classes an Apex file declares with their @AuraEnabled fields and each
 * field's type: { "Outer": { "field": "List<Outer.Inner>" }, "Outer.Inner": { ... } }.
 * Parsed with prettier-plugin-apex's parser (the jorje AST prettier formats the Apex with),
 * so comments, strings and methods never count as members.
 * Usage: node scripts/contracts/apex-members.mjs <file.cls>...   (or --stdin: one class on stdin)
 */
import fs from 'node:fs';
import * as prettier from 'prettier';

const ROOT = 'apex.jorje.semantic.compiler.parser.ParserOutput';

function typeName(ref) {
  const name = ref.names.map((n) => n.value).join('.');
  const args = ref.typeArguments || [];
  return args.length ? `${name}<${args.map(typeName).join(', ')}>` : name;
}

function isAuraEnabled(decls) {
  return (decls.modifiers || []).some(
    (m) => m['@class'].endsWith('Modifier$Annotation') && m.name.value.toLowerCase() === 'auraenabled'
  );
}

function collect(classDecl, prefix, out) {
  const name = prefix ? `${prefix}.${classDecl.name.value}` : classDecl.name.value;
  const fields = {};
  for (const member of classDecl.members) {
    const kind = member['@class'];
    if (kind.endsWith('BlockMember$FieldMember') && isAuraEnabled(member.variableDecls)) {
      const decls = member.variableDecls;
      for (const decl of decls.decls) fields[decl.name.value] = typeName(decls.type);
    } else if (kind.endsWith('BlockMember$InnerClassMember')) {
      collect(member.body, name, out);
    }
  }
  out[name] = fields;
  return out;
}

async function membersOf(source, file, out) {
  const parsed = await prettier.__debug.parse(source, {
    parser: 'apex',
    plugins: ['prettier-plugin-apex']
  });
  const output = parsed.ast[ROOT];
  if (output.parseErrors.length) throw new Error(`${file}: ${JSON.stringify(output.parseErrors)}`);
  collect(output.unit.body, '', out);
  return out;
}

export async function apexMembers(files) {
  const out = {};
  for (const file of files) await membersOf(fs.readFileSync(file, 'utf8'), file, out);
  return out;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const args = process.argv.slice(2);
  const members =
    args[0] === '--stdin' ? await membersOf(fs.readFileSync(0, 'utf8'), 'stdin', {}) : await apexMembers(args);
  process.stdout.write(JSON.stringify(members));
}
