// libvernier.so is vernier_core linked whole; the exported names are the VN_API functions of
// vernier.h (default visibility), everything else stays hidden. This file only anchors the target.
#include "vernier/vernier.h"
