// Types of backendProcess.mjs.

/** The backend process startBackend started. */
export type BackendProcess = {
  pid: number;
  logFile: string;
  readonly exited: boolean;
  stop(): Promise<void>;
  /** Leaves the backend running after this process exits. */
  release(): void;
};

export function portFree(port: number): Promise<boolean>;

export function startBackend(options: {
  configs: string[];
  logFile: string;
  log?: (msg: string) => void;
}): BackendProcess;
