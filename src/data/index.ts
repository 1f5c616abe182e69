/** Loaders for the files in data/: the 8×8 digits, the photo, PNG decoding, resizing. */
export * from './data-file';
export * from './digits';
export * from './image';
export * from './png';
export * from './resize';
