import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { commentLimit, tagLimit } from './limits.js';

interface Schema {
  properties: { comment: { maxLength: number }; tags: { maxItems: number } };
}

describe('<zheli-evaluation> limits', () => {
  it('are the contract’s: the comment length and the number of tags of EvaluationRequest', () => {
    const document = createRequire(import.meta.url)('@zheli/contract/openapi.json') as {
      components: { schemas: { EvaluationRequest: Schema } };
    };
    const request = document.components.schemas.EvaluationRequest;
    expect(commentLimit).toBe(request.properties.comment.maxLength);
    expect(tagLimit).toBe(request.properties.tags.maxItems);
  });
});
