// The engine's features: plain data in, plain data out. No LSP, no VS Code.
export * from './settings';
export * from './ignore';
export * from './describe';
export * from './diagnostics';
export * from './outcomes';
export * from './lookup';
export * from './hover';
export * from './actions';
export * from './catalog';
export * from './render';
export * from './summary';
export * from './failures';
export * from './inlayHints';
export * from './summaryReport';
export * from './scanResults';
export * from './mailLogHead';
