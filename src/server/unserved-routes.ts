// Routes some PGPool had that `serve` does not answer, each with why and what to use instead, for
// the 404 a client or an operator then reads (server.ts). From the forks' pgpool.py histories:
//   GET /account, POST /account/csvimport: sLoPPydrive's first PGPool (August 2017, codename-art/PGPool
//     2e80778), replaced days later by pgpool-import.py; /account answered a Python repr no client read
//   GET /account/requestLure: richardsang2008/PGPool, accounts that other scanners hold and have lures,
//     lent again without a hold
export const UNSERVED_ROUTES: Record<string, string> = {
  '/account': "PGPool's first account route (August 2017) is not served: ask GET /account/request",
  '/account/csvimport': "PGPool's first CSV upload (August 2017) is not served: post the lines as the accounts field of POST /account/add (curl --data-urlencode accounts@FILE), or run accountpool import FILE",
  '/account/requestLure':
    "a PGPool fork's requestLure is not served: it lent accounts other scanners hold without a hold, and here one account is never given to two holders; ask GET /account/request",
};
