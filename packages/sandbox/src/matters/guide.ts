// What applying for a one-matter bundle takes, computed from its services: the steps across
// departments, the materials merged across them (one a material three services need is asked for
// once), and the form: the union of the steps' fields (data/bundle-forms.json), each asked once.
import { readFile } from 'node:fs/promises';
import type { Schemas } from '@zheli/contract';
import { dataDirUrl } from '../paths.js';

type FormField = Schemas['FormField'];

/** A field's definition in data/bundle-forms.json: the contract's field, and whether required. */
type FieldData = Omit<FormField, 'neededBy'> & { required: boolean };

/** data/bundle-forms.json. */
export interface BundleForms {
  /** Material keys by the material's Chinese name (the same in every service). */
  materialKeys: Record<string, string>;
  fields: Record<string, FieldData>;
  /** The fields each service template needs, by template key. */
  serviceFields: Record<string, string[]>;
}

let forms: Promise<BundleForms> | undefined;

/** Reads data/bundle-forms.json once. */
export function bundleForms(): Promise<BundleForms> {
  forms ??= readFile(new URL('bundle-forms.json', dataDirUrl), 'utf8').then(
    (text) => JSON.parse(text) as BundleForms,
  );
  return forms;
}

/** One step as read from the database: the service offered for it and its template. */
export interface StepSource {
  position: number;
  templateKey: string;
  service: { id: string; name: string; nameEn: string };
  department: Schemas['Department'];
  promisedDays: number;
  materials: Schemas['Material'][];
}

/** A material's key: the data's, or one made from its English name. */
function materialKey(forms: BundleForms, material: Schemas['Material']): string {
  return (
    forms.materialKeys[material.name] ??
    (material.nameEn
      .toLowerCase()
      .replace(/\(.*?\)/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) ||
      'material')
  );
}

const strictness: Record<Schemas['Material']['form'], number> = {
  electronic: 0,
  copy: 1,
  original: 2,
};

/** The bundle's guide from its steps, in order. */
export function buildGuide(
  bundle: { id: string; name: string; nameEn: string; promisedDays: number },
  sources: StepSource[],
  forms: BundleForms,
): Schemas['BundleGuide'] {
  const materials = new Map<string, Schemas['BundleMaterial']>();
  const properties: Record<string, FormField> = {};
  const required = new Set<string>();
  const order: string[] = [];
  const steps = sources.map((source): Schemas['BundleStep'] => {
    const keys: string[] = [];
    for (const material of source.materials) {
      const key = materialKey(forms, material);
      const merged = materials.get(key);
      if (!merged) {
        materials.set(key, {
          key,
          name: material.name,
          nameEn: material.nameEn,
          required: material.required,
          form: material.form,
          prefilled: material.prefilled,
          neededBy: [source.service.id],
        });
      } else {
        // Asked for once: required if any step requires it, in the strictest form any asks
        // for, held by the platform only if every step can take it from there.
        merged.required ||= material.required;
        if (strictness[material.form] > strictness[merged.form]) merged.form = material.form;
        merged.prefilled &&= material.prefilled;
        if (!merged.neededBy.includes(source.service.id)) merged.neededBy.push(source.service.id);
      }
      if (!keys.includes(key)) keys.push(key);
    }
    const fields = forms.serviceFields[source.templateKey] ?? [];
    for (const name of fields) {
      const data = forms.fields[name];
      if (!data) continue;
      const field = properties[name];
      if (field) {
        if (!field.neededBy.includes(source.service.id)) field.neededBy.push(source.service.id);
      } else {
        const { required: isRequired, ...definition } = data;
        properties[name] = { ...definition, neededBy: [source.service.id] };
        order.push(name);
      }
      if (data.required) required.add(name);
    }
    return {
      position: source.position,
      service: source.service,
      department: source.department,
      promisedDays: source.promisedDays,
      materials: keys,
      fields: fields.filter((name) => name in properties),
    };
  });
  return {
    bundleId: bundle.id,
    name: bundle.name,
    nameEn: bundle.nameEn,
    promisedDays: bundle.promisedDays,
    steps,
    materials: [...materials.values()],
    form: {
      type: 'object',
      properties,
      required: order.filter((name) => required.has(name)),
      order,
    },
  };
}
