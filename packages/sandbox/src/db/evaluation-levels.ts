import type { Schemas } from '@zheli/contract';

type Named = { name: string; nameTw: string; nameEn: string };

/** The five evaluation levels (好差评), best first, with their score and reason tags. */
export const evaluationLevels: (Named & {
  level: Schemas['EvaluationLevel'];
  score: number;
  tags: (Named & { id: string })[];
})[] = [
  {
    level: 'very_satisfied',
    score: 5,
    name: '非常满意',
    nameTw: '非常滿意',
    nameEn: 'Very satisfied',
    tags: [
      { id: 'fast', name: '办理快', nameTw: '辦理快', nameEn: 'Quick' },
      { id: 'courteous', name: '态度好', nameTw: '態度好', nameEn: 'Courteous staff' },
      { id: 'convenient', name: '流程简便', nameTw: '流程簡便', nameEn: 'Simple process' },
      { id: 'fully_online', name: '全程网办', nameTw: '全程網辦', nameEn: 'Fully online' },
      { id: 'one_visit', name: '最多跑一次', nameTw: '最多跑一次', nameEn: 'At most one visit' },
    ],
  },
  {
    level: 'satisfied',
    score: 4,
    name: '满意',
    nameTw: '滿意',
    nameEn: 'Satisfied',
    tags: [
      { id: 'fast', name: '办理快', nameTw: '辦理快', nameEn: 'Quick' },
      { id: 'courteous', name: '态度好', nameTw: '態度好', nameEn: 'Courteous staff' },
      { id: 'convenient', name: '流程简便', nameTw: '流程簡便', nameEn: 'Simple process' },
      { id: 'clear_guidance', name: '指引清楚', nameTw: '指引清楚', nameEn: 'Clear guidance' },
    ],
  },
  {
    level: 'basically_satisfied',
    score: 3,
    name: '基本满意',
    nameTw: '基本滿意',
    nameEn: 'Basically satisfied',
    tags: [
      { id: 'long_wait', name: '等候时间长', nameTw: '等候時間長', nameEn: 'Long wait' },
      {
        id: 'unclear_guidance',
        name: '指引不清楚',
        nameTw: '指引不清楚',
        nameEn: 'Unclear guidance',
      },
      { id: 'many_materials', name: '材料较多', nameTw: '材料較多', nameEn: 'Many documents' },
    ],
  },
  {
    level: 'dissatisfied',
    score: 2,
    name: '不满意',
    nameTw: '不滿意',
    nameEn: 'Dissatisfied',
    tags: [
      { id: 'long_wait', name: '等候时间长', nameTw: '等候時間長', nameEn: 'Long wait' },
      { id: 'many_materials', name: '材料较多', nameTw: '材料較多', nameEn: 'Many documents' },
      { id: 'repeat_visits', name: '多次跑腿', nameTw: '多次跑腿', nameEn: 'Repeated visits' },
      { id: 'poor_attitude', name: '态度不好', nameTw: '態度不好', nameEn: 'Unhelpful staff' },
      { id: 'system_error', name: '系统故障', nameTw: '系統故障', nameEn: 'System errors' },
    ],
  },
  {
    level: 'very_dissatisfied',
    score: 1,
    name: '非常不满意',
    nameTw: '非常不滿意',
    nameEn: 'Very dissatisfied',
    tags: [
      { id: 'poor_attitude', name: '态度不好', nameTw: '態度不好', nameEn: 'Unhelpful staff' },
      { id: 'repeat_visits', name: '多次跑腿', nameTw: '多次跑腿', nameEn: 'Repeated visits' },
      { id: 'system_error', name: '系统故障', nameTw: '系統故障', nameEn: 'System errors' },
      { id: 'overdue', name: '超时办理', nameTw: '超時辦理', nameEn: 'Handled late' },
      { id: 'improper_fees', name: '乱收费', nameTw: '亂收費', nameEn: 'Improper fees' },
    ],
  },
];
