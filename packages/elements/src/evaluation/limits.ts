/** The contract's `EvaluationRequest.comment.maxLength` (checked against the contract in a test). */
export const commentLimit = 500;

/** The contract's `EvaluationRequest.tags.maxItems`. */
export const tagLimit = 5;
