// MaracUI
