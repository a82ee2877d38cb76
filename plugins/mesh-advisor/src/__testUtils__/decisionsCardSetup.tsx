import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Entity } from '@backstage/catalog-model';
import type { Decision } from '@mesh-advisor/plugin-mesh-advisor-common';
import { DecisionsCard } from '../components/Decisions/DecisionsCard';
import { FakeMeshAdvisorApi } from './FakeMeshAdvisorApi';
import { decisionFixture, evaluationFixture, fixtureId } from './fixtures';
import { loadOpenApiValidator } from './openApiValidator';
import { fakePermissionApi } from './permissionApi';
import { renderWithApis } from './renderWithApis';
import { checkoutEntity } from './testEntities';

/** The OpenAPI document, to check the bodies the card sends. */
export const openApi = loadOpenApiValidator();

/**
 * Renders the DecisionsCard of `entity` (checkout by default) with a fake API
 * holding `decisions`, the user allowed `allowed` (everything by default).
 */
export async function renderCard(options: {
  decisions?: Decision[];
  allowed?: string[];
  entity?: Entity;
}) {
  const entity = options.entity ?? checkoutEntity;
  const evaluation = evaluationFixture(entity);
  const api = new FakeMeshAdvisorApi({ decisions: options.decisions ?? [] });
  const permissionApi = fakePermissionApi(options.allowed);
  await renderWithApis(
    <DecisionsCard entity={entity} evaluation={evaluation} />,
    { api, entity, permissionApi },
  );
  return { api, evaluation, permissionApi, user: userEvent.setup() };
}

/** The checkout decision for Linkerd, accepted, filed at `createdAt`. */
export const acceptedOn = (createdAt: string) =>
  decisionFixture({
    id: fixtureId(1),
    title: 'Adopt Linkerd for checkout',
    status: 'accepted',
    version: 2,
    createdAt,
  });

/** A proposal to move checkout to Istio ambient, filed after the accepted one. */
export const ambientProposal = (id: string) =>
  decisionFixture({
    id,
    title: 'Move checkout to Istio ambient',
    chosen: 'istio-ambient',
    createdAt: '2026-11-19T09:00:00.000Z',
  });

/** Waits until the listed decision titled `title` shows `status`. */
export const shownAs = (title: string, status: string) =>
  waitFor(() =>
    expect(
      within(screen.getByRole('listitem', { name: title })).getByText(status),
    ).toBeInTheDocument(),
  );
