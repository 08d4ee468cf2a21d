// One way through for every mail whose bytes are no text in the charset it declares (none, so
// mailparser read UTF-8): the same words whether the body is refused whole (eml.ts) or an
// account read from it holds an unreadable character (choose.ts), whichever charset it was.
export const DECLARE_CHARSET = 'declare the charset in its Content-Type (`charset=windows-1251`, `koi8-r`, `gbk`, `big5`, `euc-kr`, `shift_jis`, `iso-2022-jp`, ...) or save the accounts as UTF-8';
