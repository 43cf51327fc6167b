/* Test fixture, never shipped: holds a file open the way Word holds a document it has open
   (read and write access, sharing read only: no write, no delete, no rename over it), writes
   "<file>.held" once it holds it, and lets go after N seconds.  hold.exe <file> <seconds> */
#include <windows.h>
#include <stdlib.h>
#include <wchar.h>
int wmain(int argc, wchar_t **argv) {
    if (argc < 3) return 2;
    HANDLE h = CreateFileW(argv[1], GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL,
                           OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) return 1;
    wchar_t marker[MAX_PATH + 8];
    swprintf(marker, MAX_PATH + 8, L"%ls.held", argv[1]);
    HANDLE m = CreateFileW(marker, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (m != INVALID_HANDLE_VALUE) CloseHandle(m);
    Sleep((DWORD)_wtoi(argv[2]) * 1000);
    CloseHandle(h);
    return 0;
}
