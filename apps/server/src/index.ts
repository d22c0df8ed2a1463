/** conn-server as a library, for embedding and benchmarks: boot it with `startServer`. */
export { loadServerConfig, type ServerConfig, ServerConfigError } from './server-config';
export { type RunningServer, type StartServerOptions, startServer } from './start-server';
