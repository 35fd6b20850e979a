import { redirect } from 'next/navigation';

/** The console's home is the list of applications. */
export default function ConsoleHome(): never {
  redirect('/applications');
}
