//! Header facts shared by orders and laws: Kazakh dates, the act's identification line,
//! registration, repeal.
