"""The editors' document library: a source store every replica reaches, and build jobs run one at a time.

`sniff` tells a file's type by its bytes, `sources` keeps files and sidecars (names cleaned, writes
atomic), `jobs` records every change and its build in the editorial database, `builder` runs a job
(the incremental build, then index distribution) and `queue` hands jobs to RQ on Redis or to one
local worker thread.
"""
