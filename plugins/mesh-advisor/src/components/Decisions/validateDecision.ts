import type { MeshId } from '@mesh-advisor/plugin-mesh-advisor-common';

/** What the decision form holds while it is being edited. */
export type DecisionDraft = {
  title: string;
  chosen: MeshId | '';
  context: string;
  rationale: string;
  alternatives: MeshId[];
};

export type DecisionDraftErrors = Partial<
  Record<'title' | 'chosen' | 'rationale' | 'context', string>
>;

/** The same rules as the backend, with messages that say what to do. */
export function validateDecision(draft: DecisionDraft): DecisionDraftErrors {
  const errors: DecisionDraftErrors = {};
  const title = draft.title.trim();
  if (!title) errors.title = 'A title is required (at least 3 characters).';
  else if (title.length < 3)
    errors.title = 'The title needs at least 3 characters.';
  else if (title.length > 200)
    errors.title = 'The title can have at most 200 characters.';
  if (!draft.chosen) errors.chosen = 'Choose the mesh you decided on.';
  const rationale = draft.rationale.trim();
  if (!rationale)
    errors.rationale =
      'A rationale is required (at least 3 characters): say why.';
  else if (rationale.length < 3)
    errors.rationale = 'The rationale needs at least 3 characters.';
  else if (rationale.length > 20000)
    errors.rationale = 'The rationale can have at most 20,000 characters.';
  if (draft.context.length > 20000)
    errors.context = 'The context can have at most 20,000 characters.';
  return errors;
}
