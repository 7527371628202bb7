import { errorMessage } from "../api/api-client.ts";

export function LoadingState({ message }: { message: string }) {
  return (
    <p className="loading" role="status">
      {message}
    </p>
  );
}

/** The page's h1 says what failed; the API's Spanish message says why. */
export function ErrorState({ title, error }: { title: string; error: unknown }) {
  return (
    <div className="error-state" role="alert">
      <h1>{title}</h1>
      <p>{errorMessage(error)}</p>
    </div>
  );
}
