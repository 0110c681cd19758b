// Allowed: the study room builds on storage.
#include "storage/bad.cpp"
