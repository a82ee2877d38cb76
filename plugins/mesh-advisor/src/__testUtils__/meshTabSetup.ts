import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/** Opens a collapsed section of the Mesh tab by its heading. */
export async function openSection(title: string) {
  await userEvent.click(
    await screen.findByRole('button', { name: new RegExp(`^${title}`) }),
  );
}
