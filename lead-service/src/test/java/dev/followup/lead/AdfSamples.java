package dev.followup.lead;

/** ADF documents as real feeds send them. */
public final class AdfSamples {
    private AdfSamples() {
    }

    public static String twoVehiclesWithTradeIn(String sourceId, String phone) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <?adf version="1.0"?>
                <adf>
                  <prospect status="new">
                    <id sequence="1" source="Autotrader">%s</id>
                    <requestdate>2025-03-14T10:04:00-05:00</requestdate>
                    <vehicle interest="buy" status="new">
                      <year>2024</year><make>Honda</make><model>CR-V</model><trim>EX-L</trim>
                      <vin>7FARS4H75RE012345</vin><stock>H24117</stock>
                      <price type="quote" currency="USD">36450</price>
                    </vehicle>
                    <vehicle interest="trade-in" status="used">
                      <year>2015</year><make>Ford</make><model>F-150</model>
                      <vin>1ftfw1ef5fkd12345x</vin>
                    </vehicle>
                    <customer>
                      <contact>
                        <name part="first">Maria</name>
                        <name part="last">Gonzalez</name>
                        <email>Maria.Gonzalez@Example.com</email>
                        <phone type="voice" time="evening">%s</phone>
                        <address><street line="1">1 Main St</street><city>Austin</city><regioncode>TX</regioncode><postalcode>78704</postalcode></address>
                      </contact>
                      <timeframe><description>Within a month</description></timeframe>
                      <comments>Is the CR-V still available?</comments>
                    </customer>
                    <vendor><vendorname>Hill Country Honda</vendorname></vendor>
                    <provider><name part="full">Autotrader</name><service>Autotrader New Car Leads</service></provider>
                  </prospect>
                </adf>
                """.formatted(sourceId, phone);
    }

    public static String threeProspects(String tag) {
        return """
                <?xml version="1.0"?>
                <adf>
                  <prospect>
                    <id source="cars.com">%1$s-1</id>
                    <requestdate>2024-03-05 14:22:00</requestdate>
                    <vehicle><year>2022</year><make>Toyota</make><model>RAV4</model></vehicle>
                    <customer><contact><name part="full">Ann Lee</name><phone type="cellphone">512.555.0301</phone></contact></customer>
                    <provider><name>Cars.com</name></provider>
                  </prospect>
                  <prospect>
                    <id source="cars.com">%1$s-2</id>
                    <requestdate>03/05/2024 2:22 PM</requestdate>
                    <customer><contact><name part="first">Bob</name><email>bob.%1$s@example.com</email></contact></customer>
                    <provider><name>Cars.com</name></provider>
                  </prospect>
                  <prospect>
                    <id source="cars.com">%1$s-3</id>
                    <requestdate>sometime last week</requestdate>
                    <vehicle interest="test-drive"><make>Mazda</make><model>CX-5</model></vehicle>
                    <customer><contact><name>Carla Diaz</name><phone>+1 (512) 555-0303</phone></contact></customer>
                    <provider><name>Cars.com</name></provider>
                  </prospect>
                </adf>
                """.formatted(tag);
    }

    /** Full name only, no requestdate, no ids, phone with punctuation, comments with a raw ampersand and '<'. */
    public static String messyForm(String phone) {
        return """
                <adf>
                 <prospect>
                  <customer>
                   <contact>
                    <name>  Dwayne   Johnson  </name>
                    <phone>%s</phone>
                   </contact>
                   <comments>Trade & cash <3 — need price < 30k</comments>
                  </customer>
                  <vehicle><make>Jeep</make><model>Wrangler</model><year>twenty twenty</year><price>$29,995.00</price></vehicle>
                 </prospect>
                </adf>
                """.formatted(phone);
    }
}
