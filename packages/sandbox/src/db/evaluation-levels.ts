import type { Schemas } from '@zheli/contract';

type Named = { name: string; nameTw: string; nameEn: string };

/** The reason tags (好差评 理由), each named once in the three languages. */
const tagNames = {
  fast: { name: '办理快', nameTw: '辦理快', nameEn: 'Quick' },
  courteous: { name: '态度好', nameTw: '態度好', nameEn: 'Courteous staff' },
  convenient: { name: '流程简便', nameTw: '流程簡便', nameEn: 'Simple process' },
  fully_online: { name: '全程网办', nameTw: '全程網辦', nameEn: 'Fully online' },
  one_visit: { name: '最多跑一次', nameTw: '最多跑一次', nameEn: 'At most one visit' },
  clear_guidance: { name: '指引清楚', nameTw: '指引清楚', nameEn: 'Clear guidance' },
  long_wait: { name: '等候时间长', nameTw: '等候時間長', nameEn: 'Long wait' },
  unclear_guidance: { name: '指引不清楚', nameTw: '指引不清楚', nameEn: 'Unclear guidance' },
  many_materials: { name: '材料较多', nameTw: '材料較多', nameEn: 'Many documents' },
  repeat_visits: { name: '多次跑腿', nameTw: '多次跑腿', nameEn: 'Repeated visits' },
  poor_attitude: { name: '态度不好', nameTw: '態度不好', nameEn: 'Unhelpful staff' },
  system_error: { name: '系统故障', nameTw: '系統故障', nameEn: 'System errors' },
  overdue: { name: '超时办理', nameTw: '超時辦理', nameEn: 'Handled late' },
  improper_fees: { name: '乱收费', nameTw: '亂收費', nameEn: 'Improper fees' },
} satisfies Record<string, Named>;

type TagId = keyof typeof tagNames;

function level(
  id: Schemas['EvaluationLevel'],
  score: number,
  names: Named,
  tags: TagId[],
): Named & { level: Schemas['EvaluationLevel']; score: number; tags: (Named & { id: string })[] } {
  return { level: id, score, ...names, tags: tags.map((tag) => ({ id: tag, ...tagNames[tag] })) };
}

/** The five evaluation levels (好差评), best first, with their score and reason tags in order. */
export const evaluationLevels = [
  level('very_satisfied', 5, { name: '非常满意', nameTw: '非常滿意', nameEn: 'Very satisfied' }, [
    'fast',
    'courteous',
    'convenient',
    'fully_online',
    'one_visit',
  ]),
  level('satisfied', 4, { name: '满意', nameTw: '滿意', nameEn: 'Satisfied' }, [
    'fast',
    'courteous',
    'convenient',
    'clear_guidance',
  ]),
  level(
    'basically_satisfied',
    3,
    { name: '基本满意', nameTw: '基本滿意', nameEn: 'Basically satisfied' },
    ['long_wait', 'unclear_guidance', 'many_materials'],
  ),
  level('dissatisfied', 2, { name: '不满意', nameTw: '不滿意', nameEn: 'Dissatisfied' }, [
    'long_wait',
    'many_materials',
    'repeat_visits',
    'poor_attitude',
    'system_error',
  ]),
  level(
    'very_dissatisfied',
    1,
    { name: '非常不满意', nameTw: '非常不滿意', nameEn: 'Very dissatisfied' },
    ['poor_attitude', 'repeat_visits', 'system_error', 'overdue', 'improper_fees'],
  ),
];
