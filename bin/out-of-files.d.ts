// The types of bin/out-of-files.js, for src/open-files-limit.ts (the bin is plain JavaScript).
export declare const RAISE_FILES_LIMIT: string;
export declare function outOfFilesWords(code: 'EMFILE' | 'ENFILE', limit: number | undefined): string;
export declare function reportedFilesLimit(): number | undefined;
