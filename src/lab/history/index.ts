export { editedSince, modernizedCells, provenanceOf, revertCellModel, revertCellModels, writePatch } from './cells';
export { HistoryMarkers } from './markers';
export { HistoryView } from './view';
export { CommandIDs as RevertCommandIDs, revertPlugin } from './revert';
export { historyPlugin } from './plugin';
