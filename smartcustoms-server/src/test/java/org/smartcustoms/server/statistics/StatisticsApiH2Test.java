package org.smartcustoms.server.statistics;

import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.OnH2;

@ApiTest
@OnH2
class StatisticsApiH2Test extends AbstractStatisticsApiTest { }
