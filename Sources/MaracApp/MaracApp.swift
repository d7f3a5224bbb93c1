// MaracApp
