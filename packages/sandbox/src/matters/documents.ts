// The documents the platform holds for a persona (电子证照), made from what it knows of them and
// masked with the contract's one masking rule: the ID card and household register of everyone
// with a resident ID, a marriage certificate for the married, a property title for home owners,
// and for each child a medical birth certificate and a vaccination record.
import type { Schemas } from '@zheli/contract';
import { maskIdNumber, maskName } from '@zheli/contract/mask';
import type { Persona } from '../personas.js';
import { addDays } from '../time.js';

interface Child {
  name: string;
  birthDate: string;
  idNumber?: string | null;
}

/** A number made from the persona, stable across runs. */
function serial(prefix: string, seed: string, length: number): string {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_000_007;
  return `${prefix}${String(hash).padStart(length, '0').slice(-length)}`;
}

/** The persona's documents on file, masked; `region` is the name of the persona's region. */
export function documentsOf(persona: Persona, region: string): Schemas['Document'][] {
  if (persona.kind !== 'person' || !persona.idNumber || !persona.birthDate) return [];
  const holder = maskName(persona.name);
  const id = (key: string) => `doc-${persona.sub}-${key}`;
  const born = persona.birthDate;
  // An ID card issued at 26 is valid for 20 years; one issued at 46 for good (长期).
  const year = Number(born.slice(0, 4));
  const longTerm = year < 1980;
  const issuedOn = `${year + (longTerm ? 46 : 26)}${born.slice(4)}`;
  const documents: Schemas['Document'][] = [
    {
      id: id('id-card'),
      materialKey: 'id-card',
      name: '居民身份证',
      nameEn: 'Resident identity card',
      holder,
      number: maskIdNumber(persona.idNumber),
      issuer: `${region}公安局`,
      issuedOn,
      validUntil: longTerm ? null : `${year + 46}${born.slice(4)}`,
    },
    {
      id: id('household-register'),
      materialKey: 'household-register',
      name: '居民户口簿',
      nameEn: 'Household register (hukou booklet)',
      holder,
      number: maskIdNumber(serial(persona.regionCode, persona.sub, 6)),
      issuer: `${region}公安局`,
      issuedOn: addDays(born, 365 * 18 + 30),
      validUntil: null,
    },
  ];
  const facts = persona.facts;
  if (facts.married === true || facts.spouse) {
    documents.push({
      id: id('marriage-certificate'),
      materialKey: 'marriage-certificate',
      name: '结婚证',
      nameEn: 'Marriage certificate',
      holder,
      number: maskIdNumber(serial(`J${persona.regionCode.slice(0, 4)}`, `${persona.sub}-m`, 8)),
      issuer: `${region}民政局`,
      issuedOn: addDays(born, 365 * 27 + 70),
      validUntil: null,
    });
  }
  if (facts.ownsHome === true) {
    documents.push({
      id: id('real-estate-certificate'),
      materialKey: 'real-estate-certificate',
      name: '不动产权证书',
      nameEn: 'Real estate title certificate',
      holder,
      number: maskIdNumber(serial('浙2019', `${persona.sub}-h`, 7)),
      issuer: `${region}自然资源和规划局`,
      issuedOn: addDays(born, 365 * 28 + 120),
      validUntil: null,
    });
  }
  const children = (facts.children as Child[] | undefined) ?? [];
  children.forEach((child, index) => {
    const childHolder = maskName(child.name);
    documents.push(
      {
        id: id(`birth-certificate-${index + 1}`),
        materialKey: 'birth-certificate',
        name: '出生医学证明',
        nameEn: 'Medical birth certificate',
        holder: childHolder,
        number: maskIdNumber(serial('R33', `${persona.sub}-b${index}`, 9)),
        issuer: `${region}卫生健康局`,
        issuedOn: addDays(child.birthDate, 3),
        validUntil: null,
      },
      {
        id: id(`vaccination-record-${index + 1}`),
        materialKey: 'vaccination-record',
        name: '儿童预防接种证',
        nameEn: 'Child vaccination record',
        holder: childHolder,
        number: maskIdNumber(serial('YM33', `${persona.sub}-v${index}`, 8)),
        issuer: `${region}疾病预防控制中心`,
        issuedOn: addDays(child.birthDate, 1),
        validUntil: null,
      },
    );
  });
  return documents;
}
