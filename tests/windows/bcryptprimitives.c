/* Test fixture, never shipped: a stand-in for bcryptprimitives.dll in the Wine prefix of
   tests/windows/run.sh. Rust's standard library (1.78+) imports ProcessPrng from it; Debian 12's
   Wine 8.0 lacks it (added in Wine 8.13), so no Rust program starts there without this.
   Real Windows 10 and 11 have the DLL. */
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buf, ULONG len); /* RtlGenRandom, advapi32 */
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, n)) return FALSE;
        data += n; len -= n;
    }
    return TRUE;
}
