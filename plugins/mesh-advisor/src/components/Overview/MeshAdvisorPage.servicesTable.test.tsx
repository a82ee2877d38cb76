import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import {
  lastListQuery,
  listQueries,
  makePageApi,
  manyRows,
} from '../../__testUtils__/meshAdvisorPageSetup';
import { MeshAdvisorPage } from './MeshAdvisorPage';

describe('MeshAdvisorPage: services table', () => {
  it('asks the server with the chosen filters, and debounces the search', async () => {
    const api = makePageApi();
    const user = userEvent.setup();
    await renderWithApis(<MeshAdvisorPage />, { api });
    await screen.findByText(/^1–50 of 120$/);
    expect(lastListQuery(api)).toEqual({
      sort: 'name',
      order: 'asc',
      limit: 50,
    });

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Status' }),
      'invalid',
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Decision' }),
      'none',
    );
    await waitFor(() =>
      expect(lastListQuery(api)).toEqual({
        sort: 'name',
        order: 'asc',
        status: 'invalid',
        decision: 'none',
        limit: 50,
      }),
    );

    await user.type(
      screen.getByRole('textbox', { name: 'Search services' }),
      'svc-00',
    );
    await user.type(screen.getByRole('textbox', { name: 'Owner' }), 'team-a');
    await waitFor(() =>
      expect(lastListQuery(api)).toMatchObject({
        q: 'svc-00',
        owner: 'team-a',
        status: 'invalid',
      }),
    );
    // Typing is debounced: no request for a half-typed search.
    const searches = listQueries(api)
      .map(q => q.q)
      .filter(Boolean);
    expect(searches.every(q => q === 'svc-00')).toBe(true);
    // Rows all match what was asked.
    const table = screen.getByRole('table', { name: 'Services' });
    await waitFor(() =>
      expect(within(table).getAllByRole('row').length).toBeGreaterThan(1),
    );
    for (const row of within(table).getAllByRole('row').slice(1)) {
      expect(row).toHaveTextContent('invalid');
    }
  });

  it('sorts on the server when a column header is clicked', async () => {
    const api = makePageApi();
    const user = userEvent.setup();
    await renderWithApis(<MeshAdvisorPage />, { api });
    await screen.findByText(/^1–50 of 120$/);
    await user.click(screen.getByRole('button', { name: 'Score' }));
    await waitFor(() =>
      expect(lastListQuery(api)).toMatchObject({ sort: 'score', order: 'asc' }),
    );
    await user.click(screen.getByRole('button', { name: 'Score' }));
    await waitFor(() =>
      expect(lastListQuery(api)).toMatchObject({
        sort: 'score',
        order: 'desc',
      }),
    );
  });

  it('paginates with the server cursor, and goes back with a cursor stack', async () => {
    const api = makePageApi();
    const user = userEvent.setup();
    await renderWithApis(<MeshAdvisorPage />, { api });
    await screen.findByText(/^1–50 of 120$/);
    const rowsShown = () =>
      within(screen.getByRole('table', { name: 'Services' })).getAllByRole(
        'row',
      ).length - 1;
    expect(rowsShown()).toBe(50);
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();

    const firstPage = await api.listEvaluations({
      sort: 'name',
      order: 'asc',
      limit: 50,
    });
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText(/^51–100 of 120$/);
    const page2Query = listQueries(api).find(
      q => q.cursor === firstPage.nextCursor,
    );
    expect(page2Query).toMatchObject({ sort: 'name', limit: 50 });

    await user.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText(/^101–120 of 120$/);
    expect(rowsShown()).toBe(20);
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Previous' }));
    await screen.findByText(/^51–100 of 120$/);
    expect(lastListQuery(api).cursor).toBe(firstPage.nextCursor);
    expect(screen.getByText('svc-0050')).toBeInTheDocument();

    // A new filter starts over at the first page.
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Status' }),
      'evaluated',
    );
    await waitFor(() =>
      expect(lastListQuery(api)).toMatchObject({ status: 'evaluated' }),
    );
    expect(lastListQuery(api).cursor).toBeUndefined();
  });

  it('exports every matching row to CSV, page by page', async () => {
    const api = makePageApi(manyRows(620));
    const user = userEvent.setup();
    const createObjectURL = jest
      .spyOn(URL, 'createObjectURL')
      .mockReturnValue('blob:csv');
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    await renderWithApis(<MeshAdvisorPage />, { api });
    await screen.findByText(/^1–50 of 620$/);
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalled());

    const exportCalls = listQueries(api).filter(
      q => q.limit === 500 || q.limit === 120,
    );
    expect(exportCalls.map(q => q.limit)).toEqual([500, 500]);
    expect(exportCalls[1].cursor).toBeTruthy();
    const blob = createObjectURL.mock.calls[0][0] as Blob;
    const text = await blob.text();
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(621);
    expect(lines[0]).toMatch(/^entityRef,name,/);
    expect(click.mock.instances[0]).toHaveAttribute(
      'download',
      'mesh-advisor-services.csv',
    );
    createObjectURL.mockRestore();
    click.mockRestore();
  });

  it('keeps filters, sort and page in the URL, and starts from a URL', async () => {
    const api = makePageApi();
    await renderWithApis(<MeshAdvisorPage />, {
      api,
      routeEntries: ['/?status=evaluated&sort=score&order=desc&size=25'],
    });
    await waitFor(() =>
      expect(lastListQuery(api)).toEqual({
        status: 'evaluated',
        sort: 'score',
        order: 'desc',
        limit: 25,
      }),
    );
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveValue(
      'evaluated',
    );
    expect(screen.getByRole('combobox', { name: 'Rows per page' })).toHaveValue(
      '25',
    );
  });

  it('counts services per team and system when asked, not before', async () => {
    const api = makePageApi(manyRows(7));
    const user = userEvent.setup();
    await renderWithApis(<MeshAdvisorPage />, { api });
    await screen.findByText(/^1–7 of 7$/);
    const before = listQueries(api).length;
    await user.click(
      screen.getByRole('button', {
        name: 'Count services per team and system',
      }),
    );
    const table = await screen.findByRole('table', {
      name: 'Services per owner',
    });
    expect(listQueries(api).length).toBeGreaterThan(before);
    const counts = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(r => Number(within(r).getAllByRole('cell')[1].textContent));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(7);
    await user.click(screen.getByRole('button', { name: 'Per system' }));
    expect(
      await screen.findByRole('table', { name: 'Services per system' }),
    ).toBeInTheDocument();
  });

  it('hides and shows columns, and keeps the choice in the URL', async () => {
    const api = makePageApi();
    const user = userEvent.setup();
    await renderWithApis(<MeshAdvisorPage />, {
      api,
      routeEntries: ['/?hide=evaluated'],
    });
    await screen.findByText(/^1–50 of 120$/);
    // (hidden: true — the open menu hides the page from the accessibility tree)
    const header = (name: string) =>
      screen.queryByRole('columnheader', {
        name: new RegExp(`^${name}`),
        hidden: true,
      });
    expect(header('Evaluated')).toBeNull();
    expect(header('Owner')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Columns' }));
    await user.click(screen.getByRole('menuitemcheckbox', { name: 'Owner' }));
    await waitFor(() => expect(header('Owner')).toBeNull());
    await user.click(
      screen.getByRole('menuitemcheckbox', { name: 'Evaluated' }),
    );
    await waitFor(() => expect(header('Evaluated')).toBeInTheDocument());
    // rows follow their header: owner cells are gone too
    expect(screen.queryByText('team-a')).not.toBeInTheDocument();
  });

  it('offers to clear the filters when nothing matches', async () => {
    const api = makePageApi();
    const user = userEvent.setup();
    await renderWithApis(<MeshAdvisorPage />, {
      api,
      routeEntries: ['/?q=no-such-service'],
    });
    expect(await screen.findByText('No services match')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await screen.findByText(/^1–50 of 120$/);
    expect(
      screen.getByRole('textbox', { name: 'Search services' }),
    ).toHaveValue('');
  });
});
