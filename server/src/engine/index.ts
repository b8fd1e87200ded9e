// The engine: scanner, knowledge base and features. Knows nothing of LSP or VS Code;
// used by the language server, the CLI and (through the server) the VS Code client.
export * from './types';
export * from './codes';
export { scanText, scanLogText, detectKind, LogStreamScanner, streamEmailText } from './scanner/index';
export { normalizeLineBreaks } from './scanner/lines';
export { updateLogFindings, updateLog, updateLogRegions, EditRegions, editWork, type LineEdit, type LineRegion, type EditedText, type LogUpdate } from './incremental';
export { Analysis, analyzeLog, analyzeEmail, analyzeText } from './analysis';
export * from './outcomes/types';
export { readOutcomes, readLine, shiftOutcome, type LineReads, type MessageEnd } from './outcomes/read';
export { OutcomeIndex, attemptIn, compactOutcome, ownString, storyKey, type Story, type StoryEnd } from './outcomes/stories';
export * from './outcomes/trail';
export { explainCode, replyingContext, type Explanation, type ExplainInput, type CodePart } from './explain';
export * from './features/index';
export { isAllowedReferenceUrl } from './knowledge/index';
