/** Loaders for the data sets: the 8×8 digits, Fashion-MNIST, the photo, PNG decoding, resizing. */
export * from './data-file';
export * from './digits';
export * from './fashion-mnist';
export * from './image';
export * from './png';
export * from './resize';
