package org.smartcustoms.server.statistics;

import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.OnPostgres;

@ApiTest
@OnPostgres
class StatisticsApiPostgresTest extends AbstractStatisticsApiTest { }
